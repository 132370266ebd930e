import fs from 'node:fs';
import path from 'node:path';
import { astroCacheDir } from '../cache/astro-page-cache.ts';
import { projectRoot } from '../core/paths.ts';

/**
 * Makes Astro render a page it would copy: its stored copy is deleted, so Astro renders it and
 * stores it again under the same cacheKey (kept for the next build). Dropping the page's
 * cacheKey instead would render it now and again in the next build, which would have no copy.
 * The copy is found through Astro's manifest (`incremental-build.json`, `outputFile` under
 * `dist/` in its cache folder); a page it does not list has no copy to delete.
 */
export function dropAstroPageCopy(pathname: string, root = projectRoot()): void {
  const dir = astroCacheDir(root);
  const wanted = pathname.replace(/\/+$/, '');
  for (const [page, outputFile] of astroCopies(dir)) {
    if (page.replace(/\/+$/, '') === wanted) fs.rmSync(path.join(dir, 'dist', ...outputFile.split('/')), { force: true });
  }
}

let read: { dir: string; copies: Map<string, string> } | undefined;

/** Every page Astro's last build stored, with its copy's path: read once per build (the manifest lists every page). */
function astroCopies(dir: string): Map<string, string> {
  if (read?.dir === dir) return read.copies;
  const copies = new Map<string, string>();
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'incremental-build.json'), 'utf8')) as { routes?: Record<string, { paths?: Record<string, { outputFile?: unknown }> }> };
    for (const route of Object.values(manifest.routes ?? {})) {
      for (const [page, entry] of Object.entries(route.paths ?? {})) {
        if (typeof entry.outputFile === 'string' && !entry.outputFile.split('/').includes('..')) copies.set(page, entry.outputFile);
      }
    }
  } catch {
    // No manifest (a first build, or Astro's cache deleted): no copy to delete.
  }
  read = { dir, copies };
  return copies;
}
