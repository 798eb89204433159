// The folder-level picture of one app: which top-level folders of its src/ use which, and the
// groups of folders that reach each other (a cycle means no folder of the group can be read, tested
// or moved without the others).

/** Files directly in src/ (main.ts, the root module) form one node. */
export const SRC_ROOT = '(src)';

export type FileGraph = Readonly<Record<string, readonly string[]>>;
export type FolderGraph = ReadonlyMap<string, ReadonlySet<string>>;

/** The top-level folder of a path relative to src/, or undefined for a path outside src/. */
export function folderOf(file: string): string | undefined {
  if (file.startsWith('../') || file.startsWith('/')) {
    return undefined;
  }
  const slash = file.indexOf('/');
  return slash === -1 ? SRC_ROOT : file.slice(0, slash);
}

/** Folder edges from file edges (paths relative to src/); imports within a folder are not edges. */
export function folderGraph(files: FileGraph): FolderGraph {
  const graph = new Map<string, Set<string>>();
  for (const [file, dependencies] of Object.entries(files)) {
    const from = folderOf(file);
    if (from === undefined) {
      continue;
    }
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const dependency of dependencies) {
      const to = folderOf(dependency);
      if (to !== undefined && to !== from) {
        edges.add(to);
      }
    }
  }
  return graph;
}

/** The folder cycles: each group of two or more folders that reach one another, sorted by name. */
export function folderCycles(graph: FolderGraph): string[][] {
  // Tarjan's strongly connected components; the graphs here have a few dozen nodes.
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  const visit = (node: string): void => {
    index.set(node, counter);
    lowLink.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(node, Math.min(lowLink.get(node)!, lowLink.get(next)!));
      } else if (onStack.has(next)) {
        lowLink.set(node, Math.min(lowLink.get(node)!, index.get(next)!));
      }
    }
    if (lowLink.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) {
        components.push(component.sort());
      }
    }
  };

  for (const node of [...graph.keys()].sort()) {
    if (!index.has(node)) {
      visit(node);
    }
  }
  return components.sort((a, b) => a[0].localeCompare(b[0]));
}

/** One line per folder that uses others: `from -> a, b`. */
export function describeEdges(graph: FolderGraph): string[] {
  return [...graph.entries()]
    .filter(([, edges]) => edges.size > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([from, edges]) => `${from} -> ${[...edges].sort().join(', ')}`);
}
