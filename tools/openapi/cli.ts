import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument, DOCUMENTED_SERVICES, serializeDocument } from './openapi-documents';

// `npm run openapi`: writes each service's OpenAPI document to docs/openapi/<service>.json and
// generates the console's API types from them (openapi-typescript).
const ROOT = join(__dirname, '..', '..');
const DOCS = join(ROOT, 'docs', 'openapi');
const TYPES = join(ROOT, 'apps', 'console', 'web', 'src', 'api', 'openapi');

async function main(): Promise<void> {
  mkdirSync(DOCS, { recursive: true });
  mkdirSync(TYPES, { recursive: true });
  const written: string[] = [];
  for (const service of DOCUMENTED_SERVICES) {
    const document = join(DOCS, `${service}.json`);
    writeFileSync(document, serializeDocument(await buildOpenApiDocument(service)));
    const types = join(TYPES, `${service}.d.ts`);
    execFileSync(join(ROOT, 'node_modules', '.bin', 'openapi-typescript'), [document, '-o', types], {
      stdio: 'ignore',
    });
    written.push(document, types);
  }
  execFileSync(join(ROOT, 'node_modules', '.bin', 'prettier'), ['--write', ...written], { stdio: 'ignore' });
  process.stdout.write(written.map((file) => `wrote ${file}\n`).join(''));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
