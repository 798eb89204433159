import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// `npm run console:size` (after `npm run build`): the gzipped JavaScript a browser downloads for the
// console's first page, the entry chunk plus the home page's chunk and everything they import
// statically. Exits 1 above the budget.
const BUDGET_BYTES = 300 * 1024;
const WEB = join(__dirname, '..', 'dist', 'apps', 'console', 'web');
const FIRST_PAGE = ['index.html', 'src/features/home/home-page.tsx'];

interface ManifestChunk {
  file: string;
  imports?: string[];
}

function main(): void {
  const manifest = JSON.parse(readFileSync(join(WEB, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (chunk === undefined) {
      throw new Error(`${key} is not in the build manifest; run npm run build first`);
    }
    if (seen.has(key)) {
      return;
    }
    seen.add(key);
    for (const imported of chunk.imports ?? []) {
      visit(imported);
    }
  };
  FIRST_PAGE.forEach(visit);
  const rows = [...seen]
    .map((key) => manifest[key].file)
    .filter((file) => file.endsWith('.js'))
    .map((file) => {
      const bytes = readFileSync(join(WEB, file));
      return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
  const total = rows.reduce((sum, row) => sum + row.gzip, 0);
  for (const row of rows) {
    console.log(`${row.file.padEnd(48)} ${kb(row.raw).padStart(10)} raw ${kb(row.gzip).padStart(10)} gzip`);
  }
  console.log(`first page JavaScript: ${kb(total)} gzipped (budget ${kb(BUDGET_BYTES)})`);
  if (total > BUDGET_BYTES) {
    console.error('over budget');
    process.exit(1);
  }
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

main();
