/* Where a process's CPU went, from a V8 profile (node --cpu-prof, or bench:ledger -- --cpu-prof DIR):
   self time per package or source folder, and the functions that took the most.
   Run: npx tsx bench/cpu-profile-summary.ts <file.cpuprofile> [--top 30] */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

// Native and Node.js core frames (a socket write, a microtask run) belong to whoever called them.
const borrowed = (area: string): boolean => area === '(native)' || area === 'node core';

// The package under node_modules, the first two folders of our own code, or V8's pseudo-frames.
export function areaOf(url: string, functionName: string): string {
  if (url === '') {
    return functionName.startsWith('(') ? functionName : '(native)';
  }
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) {
    return modules[1];
  }
  if (url.startsWith('node:')) {
    return 'node core';
  }
  const own = /(?:dist\/)?((?:apps|libs)\/[^/]+\/src\/[^/]+)/.exec(url);
  return own ? own[1] : url;
}

function main(): void {
  const [file, ...rest] = process.argv.slice(2);
  if (file === undefined) {
    throw new Error('usage: cpu-profile-summary <file.cpuprofile> [--top N]');
  }
  const topIndex = rest.indexOf('--top');
  const top = topIndex >= 0 ? Number(rest[topIndex + 1]) : 30;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      parentOf.set(child, node.id);
    }
  }
  const callerArea = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const { url, functionName } = (byId.get(at) as ProfileNode).callFrame;
      const area = areaOf(url, functionName);
      if (!borrowed(area)) {
        return area;
      }
    }
    return 'node core';
  };
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const areas = new Map<string, number>();
  const callers = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = (byId.get(id) as ProfileNode).callFrame;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const caller = callerArea(id);
    callers.set(caller, (callers.get(caller) ?? 0) + us);
    const name = `${functionName || '(anonymous)'} ${area}:${lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  const busy = total - (areas.get('(idle)') ?? 0);
  const line = (name: string, us: number): string =>
    `${(us / 1e6).toFixed(1).padStart(8)} s ${((us / total) * 100).toFixed(1).padStart(5)}% ${((us / busy) * 100).toFixed(1).padStart(5)}% of busy  ${name}`;
  process.stdout.write(
    `profile ${(total / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(1)} s\n\nby area:\n`,
  );
  for (const [area, us] of [...areas].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${line(area, us)}\n`);
  }
  process.stdout.write('\nby area, native and Node.js core time counted to the code that called it:\n');
  for (const [area, us] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${line(area, us)}\n`);
  }
  process.stdout.write('\nby function (self):\n');
  for (const [name, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${line(name, us)}\n`);
  }
}

main();
