import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devWatchIgnored } from '../../src/integration/dev-watch-ignored.ts';
import { figureText, makeSite, type Site } from '../helpers/site.ts';
import { startDevServer, type DevServer, type HmrMessage } from './dev-server.ts';

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
    expect(html).toContain('aria-description="Latest widget price. Source:');
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

  it('answers 500 for a page whose <Fig> fails mid-page (not a cut-off 200), while other pages answer 200', async () => {
    const mdx = 'content/issues/alpha/index.mdx';
    const good = site.read(mdx);
    server.take();
    site.write(mdx, good.replace('<Fig name="run" />', '<Fig name="nope" />'));
    const broken = await fetchUntil(server, PAGE, (s) => s !== 200);
    expect(broken.status, server.output()).toBe(500);
    expect(broken.html).toContain('TallyUnknownFigure');
    // None of the page made it out: the error page alone, not the top of the issue.
    expect(broken.html).not.toContain('Alpha issue');
    const overlay = await server.next('error');
    expect(overlay?.err?.message).toContain('&lt;Fig name=&quot;nope&quot;&gt; names no figure of issue &quot;alpha&quot;');
    expect(overlay?.err?.loc?.file).toMatch(/content\/issues\/alpha\/index\.mdx$/);

    const other = await fetch(`${server.base}/issues/draft-one/`, { signal: AbortSignal.timeout(15_000) });
    expect(other.status).toBe(200);
    expect(await other.text()).toContain('Work in progress.');

    site.write(mdx, good);
    const fixed = await fetchUntil(server, PAGE, (s) => s === 200);
    expect(fixed.status).toBe(200);
    expect(figureText(fixed.html, 'run')).toHaveLength(1);
    expect(fixed.html).toContain('</html>');
  }, 60_000);

  it('answers 500 for a failing chart spec, on the page and at /charts/<slug>/<spec>.json, then 200 again', async () => {
    const spec = 'content/issues/alpha/price.vl.json';
    const route = '/charts/alpha/price.json';
    const good = site.read(spec);
    const ok = await fetchUntil(server, route, (s) => s === 200);
    expect(ok.status).toBe(200);
    // The chart's file: Vega's dataflow per layout, compiled at build time.
    expect(Object.keys((JSON.parse(ok.html) as { views: object }).views)).toContain('wide');

    server.take();
    site.write(spec, good.replace('"field": "price"', '"field": "cost"'));
    expect(await server.next('full-reload'), server.output()).toBeDefined();
    const endpoint = await fetchUntil(server, route, (s) => s !== 200);
    expect(endpoint.status).toBe(500);
    expect(endpoint.html).toContain('TallyUnknownColumn');
    const page = await fetchUntil(server, PAGE, (s) => s !== 200);
    expect(page.status).toBe(500);
    expect(page.html).toContain('TallyUnknownColumn');

    site.write(spec, good);
    expect((await fetchUntil(server, route, (s) => s === 200)).status).toBe(200);
    expect((await fetchUntil(server, PAGE, (s) => s === 200)).status).toBe(200);
  }, 60_000);

  it('does not watch a build writing beside it (.dist-next-<pid>, dist/, caches, tests/.tmp)', async () => {
    await sleep(500);
    const logged = server.output().length;
    server.take();
    const written = ['.dist-next-123', '.dist-old-123', 'dist', '.astro/cache', '.tally-cache/email', 'tests/.tmp/x'];
    for (const dir of written) {
      for (const page of ['index.html', 'x/index.html', 'issues/alpha/index.html']) site.write(`${dir}/${page}`, '<!doctype html><p>built</p>');
    }
    // A watched save after them: once its reload arrives, the watcher has seen the files above.
    await sleep(300);
    site.edit(CSV, (t) => t);
    const reloads: HmrMessage[] = [];
    for (let waited = 0; waited < 10_000 && !reloads.some((m) => m.path === '*'); waited += 50) {
      reloads.push(...server.take().filter((m) => m.type === 'full-reload'));
      await sleep(50);
    }
    await sleep(300);
    reloads.push(...server.take().filter((m) => m.type === 'full-reload'));
    const log = server.output().slice(logged);
    expect(log).toContain('data/prices.csv changed');
    expect(log).not.toContain('[watch]');
    // Only the data file's reload (path '*'): Vite sends one per HTML file it sees, with its path.
    expect(reloads.length).toBeGreaterThan(0);
    expect(reloads.filter((m) => m.path !== '*')).toEqual([]);
  }, 30_000);
});

describe('what the dev watcher skips', () => {
  const root = '/site';
  const ignored = devWatchIgnored({ root, outDir: '/site/dist', cacheDir: '/site/.astro/cache' });
  const skips = (f: string) => ignored(`${root}/${f}`);

  it('skips build output, its sibling folders, the caches and the tests\' sites', () => {
    for (const f of ['dist', 'dist/index.html', '.dist-next-123', '.dist-next-123/x/index.html', '.dist-old-9/a.html', '.astro/cache/dist/x.html', '.astro/vite/deps/a.js', '.tally-cache/email/a.html', 'tests/.tmp/basic-x/dist/index.html']) expect(skips(f), f).toBe(true);
  });

  it('watches the site itself, and the files astro dev keeps in .astro/', () => {
    for (const f of ['content/issues/alpha/index.mdx', 'data/prices.csv', 'src/pages/index.astro', 'distribution.csv', 'tests/dev/x.ts', '.astro/data-store.json', '.astro/content-assets.mjs', '.astro']) expect(skips(f), f).toBe(false);
  });

  it('follows a configured outDir and its build siblings', () => {
    const other = devWatchIgnored({ root, outDir: '/site/public-out', cacheDir: '/site/.cache' });
    for (const f of ['public-out/a.html', '.public-out-next-1/a.html', '.cache/x', '.dist-next-2/a.html']) expect(other(`${root}/${f}`), f).toBe(true);
    expect(other(`${root}/public/a.html`)).toBe(false);
  });
});
