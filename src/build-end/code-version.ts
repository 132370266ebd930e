import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../paths.ts';

const memo = new Map<string, string>();

/**
 * A digest of the code that shapes a build-end rendition: the bytes of each source file (a
 * folder stands for every file in it), relative to the project root, and the installed version
 * of each package named. Any change to either invalidates every entry the rendition cached.
 * Computed once per process and list.
 */
export function codeVersion(sources: readonly string[], packages: readonly string[]): string {
  const root = projectRoot();
  const id = [root, ...sources, '', ...packages].join('\0');
  const known = memo.get(id);
  if (known) return known;
  const hash = createHash('sha256');
  for (const file of sources.flatMap((s) => filesOf(root, s))) {
    hash.update(file).update('\0').update(fs.readFileSync(path.join(root, file))).update('\0');
  }
  for (const pkg of packages) hash.update(`${pkg}@${installedVersion(root, pkg)}\0`);
  const version = hash.digest('hex').slice(0, 16);
  memo.set(id, version);
  return version;
}

/** The files a source entry names, relative to the root with forward slashes, sorted; none if it is missing. */
function filesOf(root: string, source: string): string[] {
  const abs = path.join(root, source);
  const stat = fs.statSync(abs, { throwIfNoEntry: false });
  if (!stat) return [];
  if (stat.isFile()) return [source];
  return (fs.readdirSync(abs, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}

/** The version in node_modules/<pkg>/package.json, found as Node finds the package (from the root up). */
function installedVersion(root: string, pkg: string): string {
  for (let dir = root; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', pkg, 'package.json');
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown';
    if (dir === path.dirname(dir)) return 'missing';
  }
}
