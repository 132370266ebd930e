import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { goLive, openPage } from './reader-checks.ts';

export interface Download {
  path: string;
  bytes: number;
  gzip: number;
}

export interface JsBytes {
  viewport: string;
  /** Scripts (and chart specs) fetched by loading the page, before the reader does anything. */
  beforeInteraction: Download[];
  /** What pointing at the first chart adds. */
  afterInteraction: Download[];
}

const total = (d: Download[], key: 'bytes' | 'gzip'): number => d.reduce((s, x) => s + x[key], 0);
export const sum = (d: Download[]) => ({ bytes: total(d, 'bytes'), gzip: total(d, 'gzip') });

/**
 * The JavaScript (and chart spec JSON) a reader downloads on a page: on load, with no scroll and
 * no pointer, then after pointing at the first chart. Sizes are the decoded bytes of each
 * response (the test server sends them uncompressed) and their gzip -9 size, what a host that
 * compresses would send.
 */
export async function measureJs(browser: Browser, url: string, viewport: { width: number; height: number }): Promise<JsBytes> {
  const { page, close } = await openPage(browser, 'about:blank', { viewport });
  const seen: Download[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (r) => {
    const type = r.request().resourceType();
    const isSpec = /^\/charts\/.+\.json$/.test(new URL(r.url()).pathname);
    if (type !== 'script' && !isSpec) return;
    pending.push(r.body().then((b) => void seen.push({ path: new URL(r.url()).pathname, bytes: b.length, gzip: gzipSync(b, { level: 9 }).length })));
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await Promise.all(pending);
  const beforeInteraction = [...seen];
  await goLive(page.locator('figure.chart').first());
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  await close();
  return { viewport: `${viewport.width}x${viewport.height}`, beforeInteraction, afterInteraction: seen.slice(beforeInteraction.length) };
}
