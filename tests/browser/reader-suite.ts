import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { ROOT } from '../helpers/site.ts';
import { seriousAxeViolations } from './axe.ts';
import { buildForBrowser, type BuiltSite } from './built-sites.ts';
import { chartTextSizes, type ChartTextSizes } from './chart-text.ts';
import { goLive, luminance, openPage, pageColours, staticLabelFill, tooltipOf, visibleChartSizes, type OpenedPage } from './reader-checks.ts';
import { serveStatic, type StaticServer } from './serve-static.ts';
import { checkHtml, isAllowed } from './vnu.ts';

export interface ReaderWorld {
  site: BuiltSite;
  server: StaticServer;
  browser: Browser;
  url(route: string): string;
  /** Opens a route in a fresh context (see reader-checks.ts openPage); the site's own absolute URLs are answered from its build. */
  open(route: string, options?: BrowserContextOptions): Promise<OpenedPage>;
}

/**
 * The reader's side of a built site, in Chromium: registers, in the calling describe block, the
 * checks every site must pass, and returns the shared world (site, server, browser) for the
 * file's own tests. `issue` is a route with charts.
 */
export function readerSideTests(siteName: string, issue: string): () => ReaderWorld {
  let world: ReaderWorld | undefined;
  beforeAll(async () => {
    const [site, browser] = await Promise.all([buildForBrowser(siteName), launchChromium()]);
    const server = await serveStatic(site.dist);
    const url = (route: string): string => server.url + route;
    world = { site, server, browser, url, open: (route, options) => openPage(browser, url(route), options, { origin: site.origin, dist: site.dist }) };
  });
  afterAll(async () => {
    await world?.browser.close();
    await world?.server.close();
    if (world && process.env.TALLY_KEEP_SITES !== '1') fs.rmSync(world.site.root, { recursive: true, force: true });
  });
  const w = (): ReaderWorld => world ?? expect.unreachable('the site was not built');

  it('loads every page without a console error or a failed request', async () => {
    expect(w().site.pages).toContain(issue);
    const problems: Record<string, string[]> = {};
    for (const route of w().site.pages) {
      const { watch, close } = await w().open(route);
      if (watch.problems.length) problems[route] = watch.problems;
      await close();
    }
    expect(problems).toEqual({});
  });

  it('shows every chart with JavaScript off, with its caption, source and data table', async () => {
    const { page, close } = await w().open(issue, { javaScriptEnabled: false });
    const sizes = await visibleChartSizes(page);
    expect(sizes.length).toBeGreaterThan(0);
    expect(sizes.every((s) => s.width > 100 && s.height > 50), JSON.stringify(sizes)).toBe(true);
    expect(await page.locator('figure.chart figcaption .chart-title').count()).toBe(sizes.length);
    expect(await page.locator('figure.chart .chart-source').count()).toBe(sizes.length);
    expect(await page.locator('figure.chart details.chart-data table').count()).toBe(sizes.length);
    expect(await page.locator('.chart-live').count()).toBe(0);
    await close();
  });

  it('draws chart text a phone can read: at least 11 CSS px, median 12, at 360 and 1280 px wide, without JavaScript', async () => {
    const measured: Record<number, ChartTextSizes & { layouts: string[] }> = {};
    for (const width of [360, 1280]) {
      const { page, close } = await w().open(issue, { viewport: { width, height: 800 }, javaScriptEnabled: false });
      const layouts = await page.$$eval('figure.chart .chart-frame', (frames) =>
        frames.map((f) => {
          const shown = [...f.querySelectorAll('svg')].filter((s) => getComputedStyle(s).display !== 'none');
          // The frame holds the shown layout's proportions: no shift when it is laid out or swapped for the live view.
          const drift = Math.abs(f.getBoundingClientRect().height - (shown[0]?.getBoundingClientRect().height ?? 0));
          return shown.length === 1 && drift <= 1 ? (shown[0]!.getAttribute('class') ?? '') : `${shown.length} shown, ${drift}px drift`;
        }),
      );
      measured[width] = { ...(await chartTextSizes(page)), layouts };
      await close();
    }
    for (const [width, m] of Object.entries(measured)) console.log(`[chart-text] ${width}px: ${m.count} labels, min ${m.min.toFixed(2)}px, median ${m.median.toFixed(2)}px`);
    expect(measured[360]!.count).toBeGreaterThan(0);
    expect(new Set(measured[360]!.layouts)).toEqual(new Set(['chart-svg chart-svg--narrow']));
    expect(new Set(measured[1280]!.layouts)).toEqual(new Set(['chart-svg chart-svg--wide']));
    for (const m of Object.values(measured)) {
      expect(m.min, m.smallest).toBeGreaterThanOrEqual(11);
      expect(m.median).toBeGreaterThanOrEqual(12);
    }
  });

  it('loads the interactive layer for a chart a reader reaches, and shows a tooltip on a mark', async () => {
    const { page, watch, close } = await w().open(issue);
    const figure = page.locator('figure.chart').first();
    const before = await visibleChartSizes(page);
    await goLive(figure);
    expect(await tooltipOf(figure)).toMatch(/\S+/);
    // The live view takes the static chart's place at its size; the static SVG stays for screen readers.
    const after = (await visibleChartSizes(page))[0]!;
    expect(Math.abs(after.width - before[0]!.width)).toBeLessThanOrEqual(2);
    expect(Math.abs(after.height - before[0]!.height)).toBeLessThanOrEqual(2);
    expect(await figure.locator('.chart-frame > svg[role="img"] title').count()).toBeGreaterThan(0);
    expect(await figure.locator('.chart-live').getAttribute('aria-hidden')).toBe('true');
    expect(watch.problems).toEqual([]);
    await close();
  });

  it('follows a dark system theme: dark background, light text, dark charts, live charts too', async () => {
    const light = await w().open(issue, { colorScheme: 'light' });
    const l = await pageColours(light.page);
    expect(l.background).toBeGreaterThan(0.8);
    expect(l.text).toBeLessThan(0.05);
    await light.close();
    // The email renditions are for mail clients, which apply their own dark mode.
    for (const route of w().site.pages.filter((r) => !r.startsWith('/email/'))) {
      const { page, close } = await w().open(route, { colorScheme: 'dark' });
      const c = await pageColours(page);
      expect(c.background, route).toBeLessThan(0.02);
      expect(c.text, route).toBeGreaterThan(0.6);
      if (route === issue) {
        // One drawing for both schemes: its labels take the dark palette from the page's CSS.
        expect(await staticLabelFill(page)).toBe('rgb(185, 190, 198)');
        const figure = page.locator('figure.chart').first();
        await goLive(figure);
        // An axis label of the live chart is drawn in the dark theme's label colour (charts/theme.ts).
        const fills = await figure.locator('.chart-live .role-axis-label text').evaluateAll((ts) => ts.map((t) => t.getAttribute('fill')));
        expect(fills.length).toBeGreaterThan(0);
        expect(new Set(fills)).toEqual(new Set(['#b9bec6']));
      }
      await close();
    }
  });

  it('has no serious or critical axe-core violation on any page, light or dark', async () => {
    const found: Record<string, string[]> = {};
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const route of w().site.pages) {
        const { page, close } = await w().open(route, { colorScheme });
        if (route === issue) await goLive(page.locator('figure.chart').first());
        const v = await seriousAxeViolations(page, route);
        if (v.length) found[`${colorScheme} ${route}`] = v;
        await close();
      }
    }
    expect(found).toEqual({});
  });

  it('prints the article alone: no site chrome, black text, charts in light with captions, no data tables', async () => {
    const { page, close } = await w().open(issue, { colorScheme: 'dark' });
    await goLive(page.locator('figure.chart').first());
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.site-footer').isVisible()).toBe(false);
    expect(await page.locator('.chart-data').first().isVisible()).toBe(false);
    expect(await page.locator('.chart-live').first().isVisible()).toBe(false);
    expect(await page.locator('figure.chart figcaption').first().isVisible()).toBe(true);
    const sizes = await visibleChartSizes(page);
    expect(sizes.every((s) => s.width > 100 && s.height > 50), JSON.stringify(sizes)).toBe(true);
    expect(await page.locator('.chart-frame > svg.chart-svg--wide').first().isVisible()).toBe(true);
    expect(await staticLabelFill(page)).toBe('rgb(74, 79, 87)');
    const colours = await pageColours(page);
    expect(colours.text).toBe(0);
    // Muted text too prints dark, though the screen was in the dark theme.
    expect(luminance(await page.$eval('.chart-desc', (e) => getComputedStyle(e).color))).toBeLessThan(0.1);
    expect(await page.$eval('figure.chart', (f) => getComputedStyle(f).breakInside)).toBe('avoid');
    await page.evaluate(() => {
      const a = Object.assign(document.createElement('a'), { href: 'https://example.org/x' });
      a.textContent = 'a source';
      document.querySelector('.prose')!.append(a);
    });
    expect(await page.$eval('.prose a[href="https://example.org/x"]', (a) => getComputedStyle(a, '::after').content)).toBe('" <https://example.org/x>"');
    await close();
  });

  it('passes the Nu Html Checker on every page', async () => {
    // A page with a known error, checked in the same run: proves the checker ran and reports.
    const canary = path.join(ROOT, 'tests', '.tmp', `vnu-canary-${process.pid}.html`);
    fs.writeFileSync(canary, '<!doctype html><html lang="en"><title>canary</title><p>stray end tag</div>');
    const messages = await checkHtml([w().site.dist, canary]);
    fs.rmSync(canary);
    const errors = messages.filter((m) => m.type !== 'info' && !isAllowed(m));
    expect(errors.some((m) => m.url.endsWith(path.basename(canary)))).toBe(true);
    expect(errors.filter((m) => !m.url.endsWith(path.basename(canary))).map((m) => `${m.url}:${m.lastLine}: ${m.message}`)).toEqual([]);
  });

  return w;
}
