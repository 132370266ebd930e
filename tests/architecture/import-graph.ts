import fs from 'node:fs';
import path from 'node:path';

const EXTS = ['.ts', '.mts', '.js', '.mjs', '.astro'];
/** Static and dynamic imports, re-exports, `import "x"` and `new URL("x", import.meta.url)`: relative specifiers only. */
const SPECIFIER = /(?:import|export)\s[^'"`;]*?from\s*['"](\.[^'"]+)['"]|import\s*\(\s*['"](\.[^'"]+)['"]\s*\)|import\s*['"](\.[^'"]+)['"]|new URL\(\s*['"](\.[^'"]+)['"]\s*,\s*import\.meta\.url/g;

/** Every source file under `dir` (relative to it, '/'-separated) and the files each one imports. */
export function importGraph(dir: string): Map<string, string[]> {
  const files = (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => EXTS.includes(path.extname(f)) && !f.endsWith('.d.ts'));
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    let text = fs.readFileSync(path.join(dir, file), 'utf8');
    if (file.endsWith('.astro')) text = (/^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '') + (text.match(/<script[\s\S]*?<\/script>/g) ?? []).join('\n');
    text = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    const targets = new Set<string>();
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = (m[1] ?? m[2] ?? m[3] ?? m[4]!).split('?')[0]!;
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      const hit = [base, ...EXTS.map((e) => base + e), base.replace(/\.js$/, '.ts')].find((c) => known.has(c));
      if (hit && hit !== file) targets.add(hit);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** Strongly connected components with more than one member (Tarjan): the cycles. */
export function cycles<T>(nodes: Iterable<T>, next: (n: T) => Iterable<T>): T[][] {
  let i = 0;
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const onStack = new Set<T>();
  const stack: T[] = [];
  const out: T[][] = [];
  const visit = (v: T): void => {
    index.set(v, i);
    low.set(v, i++);
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: T[] = [];
      let w: T;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) out.push(c);
    }
  };
  for (const v of nodes) if (!index.has(v)) visit(v);
  return out;
}
