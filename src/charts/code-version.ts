import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * A digest of the code that turns a bound spec into SVG: Tally's own src/charts/*.ts and the
 * installed vega and vega-lite versions. Any change to either invalidates every cached chart.
 */
export function chartCodeVersion(root: string): string {
  const dir = path.join(root, 'src', 'charts');
  const hash = createHash('sha256');
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
    hash.update(name).update('\0').update(fs.readFileSync(path.join(dir, name))).update('\0');
  }
  const require = createRequire(path.join(root, 'package.json'));
  for (const pkg of ['vega', 'vega-lite']) hash.update(`${pkg}@${versionOf(pkg, require.resolve(pkg))}\0`);
  return hash.digest('hex').slice(0, 16);
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
