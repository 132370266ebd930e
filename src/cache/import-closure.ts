import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * `from "x"`, `import "x"`, `import("x")`, `new URL("x", import.meta.url)`, `require("x")`,
 * `require.resolve("x")`, `createRequire(…)("x")`: the specifier.
 */
const SPECIFIER = /\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]|new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url|(?:\brequire|\.resolve|\))\(\s*['"]([^'"]+)['"]\s*\)/g;
const SOURCE_EXT = ['.ts', '.mts', '.js', '.mjs', '.astro', '.json', '.css'];

export interface ImportClosure {
  /** Source files of the project reached from the entries (relative to the root, sorted). */
  files: string[];
  /** Installed packages reached, with their own dependencies: `name@version`, sorted. */
  packages: string[];
}

/**
 * Every project file and installed package that the entry modules import, directly or
 * through each other, found from the imports written in the sources (comments and type-only
 * imports are counted too: counting one import too many costs a cache miss, one too few a
 * stale result). Packages count with the packages they depend on, so an update anywhere under
 * vega changes a chart's version.
 */
/**
 * What a closure learnt that another closure of the same code can reuse: each module's own
 * imports and each imported package's dependencies. A store's code version passes one shared for
 * a whole build (the files do not change under it); otherwise each closure starts afresh.
 */
export interface ClosureMemo {
  /** By root and project file: the files and packages it imports (null when it is not a file). */
  readonly modules: Map<string, ModuleImports | null>;
  /** By root and package name: it and every package it depends on, `name@version`. */
  readonly packages: Map<string, readonly string[]>;
  /** By the folder a package is looked for from and its name: the package found there. */
  readonly resolved: Map<string, FoundPackage | null>;
}

interface ModuleImports {
  files: string[];
  packages: string[];
}

export function importClosure(root: string, entries: readonly string[], memo: ClosureMemo = { modules: new Map(), packages: new Map(), resolved: new Map() }): ImportClosure {
  const files = new Set<string>();
  const packages = new Set<string>();
  let imports: Record<string, string> | undefined;
  const importsOf = (rel: string): ModuleImports | null => {
    const abs = path.join(root, rel);
    if (!fs.existsSync(abs)) return null;
    const found: ModuleImports = { files: [], packages: [] };
    if (!/\.(m?ts|m?js|astro)$/.test(rel)) return found;
    const text = fs.readFileSync(abs, 'utf8');
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? m[4]!;
      if (spec.startsWith('.')) {
        const target = resolveRelative(root, path.dirname(rel), spec);
        if (target) found.files.push(target);
      } else if (spec.startsWith('#')) {
        const target = (imports ??= readImportsField(root))[spec];
        if (target) found.files.push(path.normalize(target).split(path.sep).join('/'));
      } else if (!spec.startsWith('node:') && !spec.startsWith('/')) {
        const name = packageName(spec);
        found.packages.push(name.startsWith('astro:') ? 'astro' : name);
      }
    }
    return found;
  };
  const visit = (rel: string): void => {
    if (files.has(rel)) return;
    const id = `${root}\0${rel}`;
    let own = memo.modules.get(id);
    if (own === undefined) memo.modules.set(id, (own = importsOf(rel)));
    if (!own) return;
    files.add(rel);
    for (const name of own.packages) {
      // Each package's dependencies are walked once, not once per file that imports it.
      const key = `${root}\0${name}`;
      let reached = memo.packages.get(key);
      if (!reached) {
        const into = new Set<string>();
        addPackage(name, root, into, memo.resolved);
        memo.packages.set(key, (reached = [...into]));
      }
      for (const p of reached) packages.add(p);
    }
    for (const target of own.files) visit(target);
  };
  for (const entry of entries) visit(entry);
  return { files: [...files].sort(), packages: [...packages].sort() };
}

function resolveRelative(root: string, dir: string, spec: string): string | undefined {
  const base = path.join(dir, spec.split('?')[0]!);
  for (const candidate of [base, ...SOURCE_EXT.map((e) => base + e), base.replace(/\.js$/, '.ts')]) {
    const abs = path.join(root, candidate);
    if (fs.existsSync(abs) && fs.statSync(abs).isFile()) return candidate.split(path.sep).join('/');
  }
  return undefined;
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

interface FoundPackage {
  version: string;
  deps: string[];
  /** Its real folder. */
  dir: string;
}

const packageMemo = new Map<string, FoundPackage | null>();

/** Adds `name@version` and, once, every package it depends on (resolved from its own folder). */
function addPackage(name: string, from: string, into: Set<string>, resolved: ClosureMemo['resolved'], seen = new Set<string>()): void {
  const id = `${from}\0${name}`;
  let found = resolved.get(id);
  if (found === undefined) resolved.set(id, (found = findPackage(name, createRequire(path.join(from, 'package.json')))));
  if (!found || seen.has(found.dir)) return;
  seen.add(found.dir);
  into.add(`${name}@${found.version}`);
  for (const dep of found.deps) addPackage(dep, found.dir, into, resolved, seen);
}

function findPackage(name: string, require: NodeJS.Require): FoundPackage | null {
  let dir: string | undefined;
  for (const start of require.resolve.paths(name) ?? []) {
    if (fs.existsSync(path.join(start, name, 'package.json'))) {
      dir = path.join(start, name);
      break;
    }
  }
  if (!dir) return null;
  const real = fs.realpathSync(dir);
  let hit = packageMemo.get(real);
  if (hit === undefined) {
    const json = JSON.parse(fs.readFileSync(path.join(real, 'package.json'), 'utf8')) as { version?: string; dependencies?: Record<string, string> };
    hit = { version: json.version ?? 'unknown', deps: Object.keys(json.dependencies ?? {}), dir: real };
    packageMemo.set(real, hit);
  }
  return hit;
}

function readImportsField(root: string): Record<string, string> {
  try {
    const json = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { imports?: Record<string, unknown> };
    return Object.fromEntries(Object.entries(json.imports ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}
