import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIdentityOpenApiDocument } from './identity-document';
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
  const builders = [
    ...DOCUMENTED_SERVICES.map((service) => ({ service, build: () => buildOpenApiDocument(service) })),
    // The console calls identity's member, invitation and machine-client routes.
    { service: 'identity', build: buildIdentityOpenApiDocument },
  ];
  for (const { service, build } of builders) {
    const document = join(DOCS, `${service}.json`);
    writeFileSync(document, serializeDocument(await build()));
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
