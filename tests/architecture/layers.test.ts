import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, importGraph } from './import-graph.ts';

const SRC = path.resolve(import.meta.dirname, '../../src');

/**
 * The layers of src/, lowest first: a module imports only from its own layer or below, so data
 * flows one way (docs/architecture.md draws the same list). A path names a folder (and all
 * below it) or a single file.
 */
export const LAYERS: [name: string, paths: string[]][] = [
  ['core', ['core']],
  ['cache', ['cache']],
  ['data', ['data']],
  ['figures', ['figures', 'api.ts']],
  ['issues', ['issues', 'content.config.ts']],
  ['charts', ['charts']],
  ['lock and audit', ['lock', 'audit']],
  ['renditions', ['renditions']],
  ['build', ['build']],
  ['site', ['integration', 'pages', 'components', 'layouts', 'client', 'styles']],
];

function layerOf(file: string): number {
  const i = LAYERS.findIndex(([, paths]) => paths.some((p) => file === p || file.startsWith(`${p}/`)));
  return i;
}

const graph = importGraph(SRC);

describe('the layers of src/', () => {
  it('place every module in a layer', () => {
    expect([...graph.keys()].filter((f) => layerOf(f) < 0)).toEqual([]);
  });

  it('import only from their own layer or below', () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      for (const t of targets) if (layerOf(t) > layerOf(file)) upward.push(`${file} (${LAYERS[layerOf(file)]![0]}) -> ${t} (${LAYERS[layerOf(t)]![0]})`);
    }
    expect(upward).toEqual([]);
  });

  it('have no import cycle between files', () => {
    expect(cycles(graph.keys(), (f) => graph.get(f) ?? [])).toEqual([]);
  });

  it('have no import cycle between folders, at any depth', () => {
    const folders = new Map<string, Set<string>>();
    for (const [file, targets] of graph) {
      for (const t of targets) {
        // Compare the two paths' folders below their common parent: src/renditions/email and src/renditions/og are siblings.
        const a = path.posix.dirname(file).split('/');
        const b = path.posix.dirname(t).split('/');
        let k = 0;
        while (k < a.length && k < b.length && a[k] === b[k]) k++;
        if (k === a.length || k === b.length) continue;
        const from = a.slice(0, k + 1).join('/');
        const to = b.slice(0, k + 1).join('/');
        if (!folders.has(from)) folders.set(from, new Set());
        folders.get(from)!.add(to);
      }
    }
    expect(cycles(folders.keys(), (f) => folders.get(f) ?? [])).toEqual([]);
  });

  it('would catch an upward import (the check is live)', () => {
    const charts = [...graph.keys()].find((f) => f.startsWith('charts/'))!;
    expect(layerOf(charts)).toBeGreaterThan(layerOf('core/errors.ts'));
    expect(layerOf('build/page-key.ts')).toBeGreaterThan(layerOf(charts));
  });
});
