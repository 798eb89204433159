import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import madge from 'madge';
import { describeEdges, folderCycles, folderGraph, type FileGraph } from './folder-graph';

// `npm run folder-deps`: for each app, the edges between the top-level folders of apps/<app>/src and
// the folder cycles, from the production code (tests may reach across folders). Exits 1 on a cycle.

const ROOT = join(__dirname, '..', '..');
const TEST_CODE = [/\.spec\.ts$/, /-spec\.ts$/, /(^|\/)fixtures\//];

async function appFileGraph(app: string): Promise<FileGraph> {
  const result = await madge(join(ROOT, 'apps', app, 'src'), {
    fileExtensions: ['ts'],
    tsConfig: join(ROOT, 'tsconfig.json'),
    excludeRegExp: TEST_CODE,
  });
  return result.obj();
}

async function main(): Promise<void> {
  const apps = readdirSync(join(ROOT, 'apps'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  let cycles = 0;
  for (const app of apps) {
    const graph = folderGraph(await appFileGraph(app));
    const appCycles = folderCycles(graph).map((cycle) => cycle.join(' <-> '));
    console.log(`${app}: ${graph.size} folders`);
    for (const line of describeEdges(graph)) {
      console.log(`  ${line}`);
    }
    if (appCycles.length === 0) {
      console.log('  cycles: none');
    }
    for (const cycle of appCycles) {
      cycles += 1;
      console.log(`  cycle: ${cycle}`);
    }
  }
  if (cycles > 0) {
    console.error(`${cycles} folder cycle(s): a folder imports one that depends on it.`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
