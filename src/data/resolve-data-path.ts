import fs from 'node:fs';
import path from 'node:path';
import { fail, type Loc } from '../core/errors.ts';
import { dataDir } from '../core/paths.ts';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Resolves a data URL (from a spec or a figures module) to a file inside data/. Network URLs,
 * absolute paths, `..` and symbolic links that lead out of data/ are all refused: the build
 * reads only the data the manifest vouches for, and never the network.
 */
export function resolveDataPath(url: string, loc: Loc | undefined): { abs: string; file: string } {
  const dir = dataDir();
  if (SCHEME.test(url) || url.startsWith('/') || url.startsWith('\\') || path.isAbsolute(url) || url.includes('\0')) {
    fail('DataUrlOutsideData', loc, url);
  }
  const abs = path.resolve(dir, url);
  if (!isInside(dir, abs)) fail('DataUrlOutsideData', loc, url);
  if (fs.existsSync(abs)) {
    const real = fs.realpathSync(abs);
    if (!isInside(fs.realpathSync(dir), real)) fail('DataUrlOutsideData', loc, url);
  }
  return { abs, file: path.relative(dir, abs).split(path.sep).join('/') };
}

function isInside(dir: string, target: string): boolean {
  const r = path.relative(dir, target);
  return r !== '' && !r.startsWith('..') && !path.isAbsolute(r);
}
