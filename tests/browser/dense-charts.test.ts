import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { seriousAxeViolations } from './axe.ts';
import { buildForBrowser, type BuiltSite } from './built-sites.ts';
import { chartTextSizes } from './chart-text.ts';
import { openPage } from './reader-checks.ts';
import { serveStatic, type StaticServer } from './serve-static.ts';

const ISSUE = '/issues/dense/';
const CHARTS = 8;

/**
 * Charts that were drawn wider than the column and shrunk (facets, an hconcat of three, a
 * repeat, a heat map of twelve industries by ten years), long category labels, and short daily
 * and weekly date ranges: their text as a reader sees it at a phone's width and a desktop's.
 */
describe('dense charts in Chromium', () => {
  let site: BuiltSite;
  let server: StaticServer;
  let browser: Browser;
  beforeAll(async () => {
    [site, browser] = await Promise.all([buildForBrowser('dense-charts'), launchChromium()]);
    server = await serveStatic(site.dist);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (site && process.env.TALLY_KEEP_SITES !== '1') fs.rmSync(site.root, { recursive: true, force: true });
  });
  const open = (width: number, colorScheme: 'light' | 'dark' = 'light', javaScriptEnabled = true) =>
    openPage(browser, server.url + ISSUE, { viewport: { width, height: 800 }, colorScheme, javaScriptEnabled }, { origin: site.origin, dist: site.dist });

  for (const width of [360, 1280]) {
    it(`draws every chart's text at 11 CSS px or more, median 12, at ${width} px, without overflow or layout shift`, async () => {
      // The static charts, as a reader without JavaScript sees them (a live view, once loaded, keeps the static SVG for screen readers only).
      const still = await open(width, 'light', false);
      const layout = width === 360 ? 'narrow' : 'wide';
      expect(await still.page.locator('figure.chart').count()).toBe(CHARTS);
      expect(await shownLayouts(still.page)).toEqual(Array(CHARTS).fill(`chart-svg chart-svg--${layout}`));
      const sizes = await chartTextSizes(still.page);
      console.log(`[dense-charts] ${width}px: ${sizes.count} labels, min ${sizes.min.toFixed(2)}px, median ${sizes.median.toFixed(2)}px (smallest ${sizes.smallest})`);
      expect(sizes.count).toBeGreaterThan(100);
      expect(sizes.min, sizes.smallest).toBeGreaterThanOrEqual(11);
      expect(sizes.median).toBeGreaterThanOrEqual(12);
      // Each chart shown at least as large as it was drawn, and nothing wider than the viewport.
      const scales = await still.page.$$eval('figure.chart .chart-frame > svg', (svgs) =>
        svgs.filter((s) => getComputedStyle(s).display !== 'none').map((s) => s.getBoundingClientRect().width / Number(s.getAttribute('width'))),
      );
      expect(scales.every((s) => s >= 0.999), JSON.stringify(scales)).toBe(true);
      expect(await still.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      // The 2 × 4 grid a phone cannot hold at a legible size scrolls sideways in its own frame, reachable by keyboard.
      const grid = still.page.locator('figure.chart').nth(CHARTS - 1).locator('.chart-frame');
      const frame = await grid.evaluate((f) => ({ cls: f.className, tab: f.getAttribute('tabindex'), scroll: f.scrollWidth, client: f.clientWidth }));
      expect(frame.cls).toContain('chart-frame--scroll');
      expect(frame.tab).toBe('0');
      if (width === 360) expect(frame.scroll).toBeGreaterThan(frame.client);
      else expect(frame.scroll).toBeLessThanOrEqual(frame.client);
      await still.close();

      // With JavaScript: the frames hold their place from the first layout to idle, live views included.
      const { page, watch, close } = await open(width);
      const before = await frameBoxes(page);
      await page.waitForTimeout(500);
      expect(await frameBoxes(page)).toEqual(before);
      expect(await cumulativeShift(page)).toBeLessThan(0.001);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(watch.problems).toEqual([]);
      await close();
    });
  }

  it('names the year on date axes at the first label and where it changes, with ticks on days', async () => {
    const { page, close } = await open(1280);
    const daily = (await axisLabels(page, 'Visits over the new year')).filter((l) => /[A-Za-z]/.test(l));
    expect(daily).toEqual(['Dec 28 2025', 'Dec 29', 'Dec 30', 'Dec 31', 'Jan 1 2026', 'Jan 2', 'Jan 3']);
    const weekly = (await axisLabels(page, 'Weekly claims across the new year')).filter((l) => /[A-Za-z]/.test(l));
    expect(weekly[0]).toMatch(/^(Oct|Nov) \d{1,2} 2025$/);
    expect(weekly.filter((l) => /2026/.test(l))).toHaveLength(1);
    expect(weekly.find((l) => /2026/.test(l))).toMatch(/^Jan \d{1,2} 2026$/);
    await close();
  });

  it('keeps long category labels whole in the column, and the full label in the data table where a phone cuts it', async () => {
    const wide = await open(1280);
    expect(await axisLabels(wide.page, 'Jobs by industry', 'long-labels')).toContain('Professional and business services');
    await wide.close();
    const narrow = await open(360);
    const labels = await axisLabels(narrow.page, 'Jobs by industry', 'long-labels');
    expect(labels).toContain('Leisure and hospitality');
    const cut = labels.filter((l) => l.endsWith('…'));
    const table = await narrow.page.locator('figure.chart[data-spec$="long-labels.vl.json"] details.chart-data td').allTextContents();
    expect(cut.length).toBeGreaterThan(0);
    for (const c of cut) expect(table.some((t) => t.startsWith(c.slice(0, -1)) && t.length > c.length - 1), c).toBe(true);
    await narrow.close();
  });

  it('has no serious or critical axe-core violation, light or dark, at both widths', async () => {
    const found: Record<string, string[]> = {};
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [360, 1280]) {
        const { page, close } = await open(width, colorScheme);
        const v = await seriousAxeViolations(page, ISSUE);
        if (v.length) found[`${colorScheme} ${width}`] = v;
        await close();
      }
    }
    expect(found).toEqual({});
  });
});

/** The class of the one SVG each chart frame shows. */
function shownLayouts(page: Page): Promise<string[]> {
  return page.$$eval('figure.chart .chart-frame', (frames) =>
    frames.map((f) => {
      const shown = [...f.querySelectorAll(':scope > svg')].filter((s) => getComputedStyle(s).display !== 'none');
      return shown.length === 1 ? (shown[0]!.getAttribute('class') ?? '') : `${shown.length} shown`;
    }),
  );
}

function frameBoxes(page: Page): Promise<number[][]> {
  return page.$$eval('figure.chart .chart-frame', (frames) => frames.map((f) => Object.values(f.getBoundingClientRect().toJSON() as Record<string, number>).map(Math.round)));
}

/** The page's layout shift score since it started loading (Chromium's Layout Instability API). */
function cumulativeShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) total += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 200);
      }),
  );
}

/** The axis labels (lines of a label joined by a space) of the shown static SVG of the chart with this title (and spec file, when titles repeat). */
function axisLabels(page: Page, title: string, spec?: string): Promise<string[]> {
  return page.$$eval(
    'figure.chart',
    (figures, [title, spec]) => {
      const figure = figures.find((f) => f.querySelector('.chart-title')?.textContent?.trim() === title && (!spec || (f.getAttribute('data-spec') ?? '').includes(spec)));
      const svg = [...(figure?.querySelectorAll('.chart-frame > svg') ?? [])].find((s) => getComputedStyle(s).display !== 'none');
      return [...(svg?.querySelectorAll('.role-axis-label text') ?? [])].map((t) => {
        const lines = [...t.querySelectorAll('tspan')].map((s) => s.textContent ?? '');
        return (lines.length ? lines.join(' ') : (t.textContent ?? '')).trim();
      });
    },
    [title, spec ?? ''] as const,
  );
}
