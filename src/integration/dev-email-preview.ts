import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ViteDevServer } from 'vite';
import { issuePath } from '../core/site.ts';
import { emailPreviewPath } from '../renditions/email/email-preview.ts';
import { renderEmail } from '../renditions/email/render-email.ts';
import { closeRasterPool } from '../renditions/png/raster-pool.ts';

const PREVIEW = /^\/email\/preview\/([^/]+)\.html$/;

/**
 * `astro dev`: serves /email/preview/<slug>.html, the URL `npm run preview` serves it at, made
 * on request from the issue page as the dev server renders it now, by the build's own email
 * step; its chart PNGs are served from memory at /email/charts/<id>.png, as last drawn.
 */
export function serveEmailPreview(server: ViteDevServer): void {
  const charts = new Map<string, Uint8Array>();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-email-preview-'));
  server.httpServer?.once('close', () => {
    fs.rmSync(dir, { recursive: true, force: true });
    void closeRasterPool();
  });
  server.middlewares.use((req, res, next) => {
    const pathname = new URL(req.url ?? '/', 'http://dev.invalid').pathname;
    const png = charts.get(pathname);
    if (png) {
      res.setHeader('Content-Type', 'image/png');
      res.end(png);
      return;
    }
    const slug = PREVIEW.exec(pathname)?.[1];
    if (slug === undefined) return next();
    const send = (status: number, type: string, body: string | Uint8Array) => {
      res.statusCode = status;
      res.setHeader('Content-Type', `${type}; charset=utf-8`);
      res.end(body);
    };
    preview(decodeURIComponent(slug))
      .then((r) => send(r.status, r.type, r.body))
      .catch(next);
  });

  async function preview(slug: string): Promise<{ status: number; type: string; body: string | Uint8Array }> {
    const origin = server.resolvedUrls?.local[0];
    if (/[/\\]/.test(slug) || slug.startsWith('.') || !origin) return { status: 404, type: 'text/plain', body: 'No such issue.' };
    const page = await fetch(new URL(issuePath(slug), origin));
    if (!page.ok) {
      return { status: page.status, type: 'text/plain', body: `The email is made from the issue page ${issuePath(slug)}, which answered ${page.status}: open that page to see why.` };
    }
    fs.mkdirSync(path.join(dir, 'issues', slug), { recursive: true });
    fs.writeFileSync(path.join(dir, 'issues', slug, 'index.html'), Buffer.from(await page.arrayBuffer()));
    const { files } = await renderEmail(dir, slug, new URL('/', origin));
    for (const f of files) if (f.path.startsWith('email/charts/')) charts.set(`/${f.path}`, f.bytes);
    const html = files.find((f) => f.path === emailPreviewPath(slug));
    return html ? { status: 200, type: 'text/html', body: html.bytes } : { status: 500, type: 'text/plain', body: 'The email step wrote no preview.' };
  }
}
