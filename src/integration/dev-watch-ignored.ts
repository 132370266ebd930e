import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SiteFolders {
  root: URL | string;
  outDir: URL | string;
  cacheDir: URL | string;
}

/**
 * What `astro dev`'s file watcher skips: the folders a build, the caches and the tests write.
 * Vite sends a full reload (and logs a `[watch]` line) for every HTML file written under the
 * site's root, so `npm run build` beside `npm run dev` would reload the open page hundreds of
 * times: scripts/build.ts writes into `.<outDir>-next-<pid>` and renames via `.<outDir>-old-<pid>`.
 *
 * In .astro/ only the subfolders are skipped (Astro's cache, Vite's cache): astro dev watches
 * .astro/data-store.json and .astro/content-assets.mjs itself.
 */
export function devWatchIgnored(folders: SiteFolders): (file: string) => boolean {
  const root = toPath(folders.root);
  const outDir = toPath(folders.outDir);
  const whole = [outDir, path.join(root, 'dist'), toPath(folders.cacheDir), path.join(root, '.tally-cache'), path.join(root, 'tests', '.tmp')];
  const siblings = [
    { dir: path.dirname(outDir), prefix: `.${path.basename(outDir)}-` },
    { dir: root, prefix: '.dist-' },
  ];
  const dotAstro = path.join(root, '.astro');
  return (file) => {
    const abs = path.resolve(root, file);
    if (whole.some((dir) => abs === dir || below(abs, dir) !== undefined)) return true;
    // The build's siblings of its output folder: .dist-next-<pid>, .dist-old-<pid>.
    if (siblings.some(({ dir, prefix }) => below(abs, dir)?.[0]?.startsWith(prefix))) return true;
    // Anything inside a subfolder of .astro/ (the subfolder itself stays watched: it is one entry).
    return (below(abs, dotAstro)?.length ?? 0) > 1;
  };
}

function toPath(p: URL | string): string {
  return path.resolve(typeof p === 'string' ? p : fileURLToPath(p));
}

/** The path's segments below `dir`, or undefined when it is not below it. */
function below(abs: string, dir: string): string[] | undefined {
  const r = path.relative(dir, abs);
  if (r === '' || r.startsWith('..') || path.isAbsolute(r)) return undefined;
  return r.split(path.sep);
}
