import path from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { DATA_EXTENSIONS, MANIFEST_FILE } from '../data/manifest.ts';
import { projectRoot } from '../core/paths.ts';
import { serveEmailPreview } from './dev-email-preview.ts';

/** The editor's page in `astro dev`: every figure of every issue, drafts included. */
export const EDITOR_ROUTE = '/_tally';
export const EDITOR_PAGE = new URL('./editor-page.astro', import.meta.url);
/** Renders each page whole before its response starts, so a page that fails answers 500. */
export const WHOLE_PAGES_MIDDLEWARE = new URL('./dev-whole-pages.ts', import.meta.url);

/** Saves that come in a burst (an editor writing a temp file and renaming it) make one reload. */
const SETTLE_MS = 25;

/**
 * A Vite plugin for `astro dev`: data files and chart specs are read with fs, not imported, so
 * Vite does not know a page depends on them. It watches data/ and the issues' *.vl.json and
 * reloads the open page when one changes; the page recomputes its figures and charts from the
 * files on the next request (caches are keyed by mtime and content). A broken edit then fails
 * that request, and Astro's overlay shows the error with its file and line; fixing the file
 * reloads again. figures.ts modules are Vite modules already, and reload through Astro itself.
 */
export function devPreview(root: string = projectRoot()): Plugin {
  return {
    name: 'tally:dev-preview',
    apply: 'serve',
    configureServer(server) {
      serveEmailPreview(server);
      const dataDir = path.join(root, 'data');
      const issuesDir = path.join(root, 'content', 'issues');
      server.watcher.add([dataDir, issuesDir]);
      let timer: NodeJS.Timeout | undefined;
      const changed = new Set<string>();
      const onEvent = (file: string): void => {
        if (!isPreviewInput(file, dataDir, issuesDir)) return;
        changed.add(path.relative(root, file).split(path.sep).join('/'));
        clearTimeout(timer);
        timer = setTimeout(() => reload(server, [...changed]), SETTLE_MS);
      };
      const reload = (srv: ViteDevServer, files: string[]): void => {
        changed.clear();
        srv.config.logger.info(`[tally] ${files.join(', ')} changed: reloading the page`, { timestamp: true });
        srv.hot.send({ type: 'full-reload', path: '*' });
      };
      for (const event of ['add', 'change', 'unlink'] as const) server.watcher.on(event, onEvent);
      server.httpServer?.once('close', () => clearTimeout(timer));
    },
  };
}

/** A data file or the manifest under data/ or an issue's own data/, or a Vega-Lite spec under content/issues/. */
export function isPreviewInput(file: string, dataDir: string, issuesDir: string): boolean {
  const inside = (dir: string) => {
    const r = path.relative(dir, file);
    return r !== '' && !r.startsWith('..') && !path.isAbsolute(r);
  };
  if (inside(dataDir)) return DATA_EXTENSIONS.includes(path.extname(file)) || path.basename(file) === MANIFEST_FILE;
  if (!inside(issuesDir)) return false;
  const [, folder] = path.relative(issuesDir, file).split(path.sep);
  if (folder === 'data') return DATA_EXTENSIONS.includes(path.extname(file)) || path.basename(file) === MANIFEST_FILE;
  return file.endsWith('.vl.json');
}
