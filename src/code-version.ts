import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface CodeParts {
  /** Folders whose .ts and .astro files count (relative to the project root). */
  folders: string[];
  /** Single files that count. */
  files: string[];
  /** Installed packages whose versions count. */
  packages: string[];
}

const memo = new Map<string, { stamp: string; version: string }>();

/**
 * A digest of the code a cached result depends on: the listed source files and the installed
 * versions of the listed packages. Any change to either invalidates the results keyed by it.
 * The files are read again only when one of their modification times changed.
 */
export function codeVersion(root: string, parts: CodeParts): string {
  const files = [
    ...parts.folders.flatMap((dir) => (fs.existsSync(path.join(root, dir)) ? fs.readdirSync(path.join(root, dir)) : []).filter((f) => /\.(ts|astro)$/.test(f)).map((f) => `${dir}/${f}`)),
    ...parts.files.filter((f) => fs.existsSync(path.join(root, f))),
  ].sort();
  const id = `${root}\0${JSON.stringify(parts)}`;
  const stamp = files.map((f) => `${f}:${fs.statSync(path.join(root, f)).mtimeMs}`).join('|');
  const hit = memo.get(id);
  if (hit?.stamp === stamp) return hit.version;
  const hash = createHash('sha256');
  for (const name of files) hash.update(name).update('\0').update(fs.readFileSync(path.join(root, name))).update('\0');
  const require = createRequire(path.join(root, 'package.json'));
  for (const pkg of parts.packages) hash.update(`${pkg}@${versionOf(pkg, require.resolve(pkg))}\0`);
  const version = hash.digest('hex').slice(0, 16);
  memo.set(id, { stamp, version });
  return version;
}

/** The version in the package.json above a package's entry (vega does not export ./package.json). */
function versionOf(pkg: string, entry: string): string {
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (json.name === pkg) return json.version ?? 'unknown';
  }
  return 'unknown';
}
