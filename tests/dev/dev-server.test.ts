import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figureText, makeSite, type Site } from '../helpers/site.ts';
import { startDevServer, type DevServer } from './dev-server.ts';

const PORT = 4402;
const PAGE = '/issues/alpha/';
const CSV = 'data/prices.csv';

/** Fetches a page in the dev server, again (a bounded number of times) until `ok` holds. */
async function fetchUntil(server: DevServer, route: string, ok: (status: number, html: string) => boolean): Promise<{ status: number; html: string }> {
  let last = { status: 0, html: '' };
  for (let attempt = 0; attempt < 20; attempt++) {
    const res = await fetch(server.base + route, { signal: AbortSignal.timeout(15_000) });
    last = { status: res.status, html: await res.text() };
    if (ok(last.status, last.html)) return last;
    await sleep(250);
  }
  return last;
}

describe('astro dev: an edit to data or a spec shows on the open page, and a broken edit in the overlay', () => {
  let site: Site;
  let server: DevServer;
  beforeAll(async () => {
    site = makeSite('basic');
    server = await startDevServer(site, PORT, PAGE);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  }, 20_000);

  it('serves the issue with its figures and its Sources and method section', async () => {
    const { status, html } = await fetchUntil(server, PAGE, (s) => s === 200);
    expect(status).toBe(200);
    expect(figureText(html, 'lastPrice')).toEqual(['$121.00']);
    expect(html).toContain('id="sources-and-method"');
  }, 30_000);

  it('reloads the page when a CSV changes, and the page shows the new number', async () => {
    server.take();
    site.edit(CSV, (t) => t.replace('2026-01-08,121,', '2026-01-08,131,'));
    expect(await server.next('full-reload'), server.output()).toBeDefined();
    const { html } = await fetchUntil(server, PAGE, (_, h) => figureText(h, 'lastPrice')[0] === '$131.00');
    expect(figureText(html, 'lastPrice')).toEqual(['$131.00']);
    // The chart's data table is bound from the same file.
    expect(html).toMatch(/<td[^>]*>2026-01-08<\/td><td[^>]*>131<\/td>/);
  }, 30_000);

  it('reports a broken CSV in the overlay with the file, the line and the fix, then recovers', async () => {
    server.take();
    site.edit(CSV, (t) => t.replace('2026-01-08,131,', '2026-01-08,1x1,'));
    expect(await server.next('full-reload'), server.output()).toBeDefined();
    const broken = await fetchUntil(server, PAGE, (s) => s === 500);
    expect(broken.status).toBe(500);
    expect(broken.html).toContain('TallyBadCell');
    // What Astro's overlay shows: sent on the HMR socket once the failed response closes.
    const overlay = await server.next('error');
    // The overlay renders the message as HTML, so Astro sends it escaped.
    expect(overlay?.err?.message).toContain('data/prices.csv:6:2: Column &quot;price&quot; is declared number, but the cell holds &quot;1x1&quot;.');
    expect(overlay?.err?.hint).toContain('Numbers use a dot for decimals');
    expect(overlay?.err?.loc).toMatchObject({ line: 6, column: 2 });
    expect(overlay?.err?.loc?.file).toMatch(/data\/prices\.csv$/);

    server.take();
    site.edit(CSV, (t) => t.replace('2026-01-08,1x1,', '2026-01-08,121,'));
    expect(await server.next('full-reload'), server.output()).toBeDefined();
    const fixed = await fetchUntil(server, PAGE, (s, h) => s === 200 && figureText(h, 'lastPrice')[0] === '$121.00');
    expect(fixed.status).toBe(200);
    expect(figureText(fixed.html, 'lastPrice')).toEqual(['$121.00']);
  }, 60_000);

  it('reloads the page when a Vega-Lite spec changes', async () => {
    server.take();
    site.edit('content/issues/alpha/price.vl.json', (t) => t.replace('"title": "Widget price"', '"title": "Widget price, daily"'));
    expect(await server.next('full-reload'), server.output()).toBeDefined();
    const { html } = await fetchUntil(server, PAGE, (_, h) => h.includes('Widget price, daily'));
    expect(html).toMatch(/<span class="chart-title"[^>]*>Widget price, daily<\/span>/);
  }, 30_000);

  it('reloads the page when a figures module changes', async () => {
    server.take();
    site.edit('content/issues/alpha/figures.ts', (t) => t.replace("description: 'Last widget price'", "description: 'Latest widget price'"));
    expect(await server.next('full-reload'), server.output()).toBeDefined();
    const { html } = await fetchUntil(server, PAGE, (_, h) => h.includes('Latest widget price'));
    expect(html).toContain('data-note="Latest widget price. Source:');
  }, 30_000);

  it('serves the editor page with every figure, drafts included, and its lock status', async () => {
    site.write('tally.lock.json', JSON.stringify({ version: 1, issues: { alpha: { asOf: '2026-01-08', figures: { lastPrice: { rendered: '$121.00' }, run: { rendered: '3' } }, charts: {}, files: {} } } }));
    const { status, html } = await fetchUntil(server, '/_tally', (s) => s === 200);
    expect(status).toBe(200);
    const row = (name: string) => new RegExp(`<tr data-editor-figure="${name}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
    expect(row('lastPrice')).toContain('$121.00');
    expect(row('lastPrice')).toContain('Widget prices (data/prices.csv: price; illustrative)');
    expect(row('lastPrice')).toMatch(/data-lock="locked"/);
    expect(row('run')).toMatch(/data-lock="changed"[^>]*>changed \(locked: 3\)/);
    expect(row('change')).toMatch(/data-lock="not locked"/);
    expect(html).toContain('data-issue="draft-one"');
  }, 30_000);
});
