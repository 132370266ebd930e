import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Files of a source tree: a git directory without a work tree (read at HEAD) or a plain folder. */
export interface SourceTree {
  readonly where: string;
  read(file: string): Buffer;
  exists(file: string): boolean;
}

export function sourceTree(where: string): SourceTree {
  const abs = path.resolve(where);
  if (!fs.existsSync(abs)) throw new Error(`${where} does not exist`);
  const isGitDir = fs.existsSync(path.join(abs, 'HEAD')) && fs.existsSync(path.join(abs, 'objects'));
  if (!isGitDir) {
    return {
      where: abs,
      read: (file) => fs.readFileSync(path.join(abs, file)),
      exists: (file) => fs.existsSync(path.join(abs, file)),
    };
  }
  const listed = new Set(execFileSync('git', ['--git-dir', abs, 'ls-tree', '-r', '--name-only', 'HEAD'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\n').filter(Boolean));
  return {
    where: abs,
    read: (file) => execFileSync('git', ['--git-dir', abs, 'show', `HEAD:${file}`], { maxBuffer: 256 * 1024 * 1024 }),
    exists: (file) => listed.has(file),
  };
}

/** One example of the gallery index, in the index's order (a name listed twice is kept once). */
export interface GalleryExample {
  readonly name: string;
  readonly title: string;
  readonly description: string | undefined;
  /** Where the index lists it: "Interactive Charts › Interactive Multi-View Displays". */
  readonly group: string;
}

/** The examples of Vega-Lite's gallery index (site/_data/examples.json). */
export function galleryExamples(vegaLite: SourceTree): GalleryExample[] {
  const index = JSON.parse(vegaLite.read('site/_data/examples.json').toString('utf8')) as unknown;
  const found = new Map<string, GalleryExample>();
  const walk = (node: unknown, group: string[]): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, group));
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (typeof o.name === 'string' && typeof o.title === 'string') {
      if (!found.has(o.name)) found.set(o.name, { name: o.name, title: o.title, description: typeof o.description === 'string' ? o.description : undefined, group: group.join(' › ') });
      return;
    }
    for (const [k, v] of Object.entries(o)) walk(v, [...group, k]);
  };
  walk(index, []);
  return [...found.values()];
}

/** The version in a tree's package.json. */
export function versionOf(tree: SourceTree): string {
  return (JSON.parse(tree.read('package.json').toString('utf8')) as { version: string }).version;
}

export const specPath = (name: string): string => `examples/specs/${name}.vl.json`;
