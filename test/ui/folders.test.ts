/**
 * The folders of src/ui import each other one way only: a folder (views, scene, export, …) is a
 * node, each file at the top of src/ui a node of its own, and the graph of their imports has no cycle.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const UI = resolve(__dirname, '../../src/ui');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The node of a file: its first folder under src/ui, or the file itself at the top. */
function node(path: string): string {
  const [head = '', ...rest] = relative(UI, path).split(sep);
  return rest.length > 0 ? head : head.replace(/\.tsx?$/, '');
}

/** The folder graph: node → nodes it imports (relative imports inside src/ui only). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files(UI)) {
    const from = node(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)) {
      const target = resolve(dirname(file), m[1] ?? '');
      if (!target.startsWith(UI + sep)) continue;
      const to = node(target);
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** One cycle of the graph as a path (first node repeated at the end), or null. */
function findCycle(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (n: string): string[] | null => {
    if (state.get(n) === 'done') return null;
    if (state.get(n) === 'open') return [...path.slice(path.indexOf(n)), n];
    state.set(n, 'open');
    path.push(n);
    for (const next of graph.get(n) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    state.set(n, 'done');
    return null;
  };
  for (const n of graph.keys()) {
    const found = visit(n);
    if (found) return found;
  }
  return null;
}

describe('src/ui folders', () => {
  it('the cycle finder finds a cycle and passes a tree', () => {
    expect(findCycle(new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]))).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(new Map([['a', new Set(['b', 'c'])], ['b', new Set(['c'])], ['c', new Set<string>()]]))).toBeNull();
  });

  it('import each other without a cycle', () => {
    const graph = folderGraph();
    expect(graph.has('views') && graph.has('scene') && graph.has('export')).toBe(true);
    expect(findCycle(graph)).toBeNull();
  });
});
