import fs from 'node:fs';
import path from 'node:path';
import { fail, type Loc } from '../core/errors.ts';
import { issueDataRoot, issueOfFile, sharedRoot, type DataRoot } from './data-roots.ts';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Resolves a data URL (from a spec or a figures module) to a data file. `from` is the file that
 * names it (from the project root; the location's file by default): inside an issue's folder,
 * the issue's own `data/` is looked in first, then the shared `data/`. Network URLs, absolute
 * paths, `..` and symbolic links that lead out of the folder are all refused: the build reads
 * only the data a manifest vouches for, and never the network.
 */
export function resolveDataPath(url: string, loc: Loc | undefined, from: string | undefined = loc?.file): { abs: string; file: string } {
  if (SCHEME.test(url) || url.startsWith('/') || url.startsWith('\\') || path.isAbsolute(url) || url.includes('\0')) {
    fail('DataUrlOutsideData', loc, url);
  }
  const issue = issueOfFile(from);
  if (issue !== undefined) {
    const local = within(issueDataRoot(issue), url);
    if (local === 'outside') fail('DataUrlOutsideData', loc, url);
    if (local && fs.existsSync(local.abs)) return local;
  }
  const shared = within(sharedRoot(), url);
  if (!shared || shared === 'outside') fail('DataUrlOutsideData', loc, url);
  return shared;
}

/**
 * The file `url` names in a folder; undefined when it leads out of the folder by its path (`..`),
 * 'outside' when it exists there but is a link that leads out.
 */
function within(root: DataRoot, url: string): { abs: string; file: string } | 'outside' | undefined {
  const abs = path.resolve(root.dir, url);
  if (!isInside(root.dir, abs)) return undefined;
  if (fs.existsSync(abs) && !isInside(fs.realpathSync(root.dir), fs.realpathSync(abs))) return 'outside';
  return { abs, file: root.prefix + path.relative(root.dir, abs).split(path.sep).join('/') };
}

function isInside(dir: string, target: string): boolean {
  const r = path.relative(dir, target);
  return r !== '' && !r.startsWith('..') && !path.isAbsolute(r);
}
