import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHART_PALETTES } from '../../src/charts/theme.ts';
import { ROOT } from '../helpers/site.ts';
import { measureJs, sum } from './measure-js.ts';
import { goLive, tooltipOf } from './reader-checks.ts';
import { readerSideTests } from './reader-suite.ts';

const ISSUE = '/issues/fixture-rotation/';
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');

describe('the flagship fixture site in Chromium', () => {
  const world = readerSideTests('flagship', ISSUE);

  it('gives every chart of the flagship a tooltip', async () => {
    const { page, watch, close } = await world().open(ISSUE);
    const figures = page.locator('figure.chart');
    const n = await figures.count();
    expect(n).toBeGreaterThanOrEqual(5);
    const tips: Record<string, string> = {};
    for (let i = 0; i < n; i++) {
      await goLive(figures.nth(i));
      tips[(await figures.nth(i).locator('.chart-title').innerText()).trim()] = await tooltipOf(figures.nth(i));
      await page.mouse.move(0, 0);
    }
    for (const [title, tip] of Object.entries(tips)) expect(tip, title).toMatch(/\S/);
    expect(watch.problems).toEqual([]);
    await close();
  });

  it('draws the live chart in the theme and the layout the page shows, with tooltips in that theme', async () => {
    for (const [colorScheme, width, layout] of [['dark', 360, 'narrow'], ['light', 1280, 'wide'], ['dark', 1280, 'wide'], ['light', 360, 'narrow']] as const) {
      const { page, watch, close } = await world().open(ISSUE, { viewport: { width, height: 800 }, colorScheme });
      const figure = page.locator('figure.chart').first();
      await goLive(figure);
      const drawn = await figure.locator(`.chart-frame > svg.chart-svg--${layout}`).getAttribute('width');
      expect(await figure.locator('.chart-live svg').getAttribute('width'), `${colorScheme} ${width}`).toBe(drawn);
      expect(await tooltipOf(figure), `${colorScheme} ${width}`).toMatch(/\S/);
      expect(await page.locator('#vg-tooltip-element').getAttribute('class')).toContain(`${colorScheme}-theme`);
      // The page's chart colours of that scheme, as the static SVG shows them.
      expect(await figure.locator('.chart-live svg').innerHTML()).toContain(`fill="${CHART_PALETTES[colorScheme].label}"`);
      expect(watch.problems).toEqual([]);
      await close();
    }
  });

  it('writes the same calendar dates in tooltips west and east of Greenwich as in UTC', async () => {
    const tips: string[] = [];
    for (const timezoneId of ['UTC', 'America/Los_Angeles', 'Asia/Tokyo']) {
      const { page, close } = await world().open(ISSUE, { timezoneId });
      const figure = page.locator('figure.chart').first();
      await goLive(figure);
      tips.push(await tooltipOf(figure));
      await close();
    }
    // The first chart plots sessions since November: its tooltips name a month and a day.
    expect(tips[0]).toMatch(/\b(Nov|Dec|Jan) \d{1,2}\b/);
    expect(tips).toEqual([tips[0], tips[0], tips[0]]);
  });

  it('downloads only the small loader before a reader reaches a chart, and the chart layer (at most 150 kB gzip) after', async () => {
    const runs = [];
    for (const viewport of [{ width: 360, height: 640 }, { width: 1280, height: 720 }]) {
      const m = await measureJs(world().browser, world().url(ISSUE), viewport);
      expect(m.beforeInteraction.map((d) => d.path), m.viewport).toHaveLength(1);
      expect(m.beforeInteraction[0]!.path).toMatch(/^\/_astro\/InteractiveCharts[^/]*\.js$/);
      expect(sum(m.beforeInteraction).gzip).toBeLessThan(2_000);
      expect(m.afterInteraction.some((d) => /^\/_astro\/mount-chart[^/]*\.js$/.test(d.path))).toBe(true);
      expect(m.afterInteraction.some((d) => /^\/charts\/fixture-rotation\/[\w-]+\.json$/.test(d.path))).toBe(true);
      // Vega's runtime and tooltips, and the chart's dataflow compiled at build time: no Vega-Lite compiler.
      expect(sum(m.afterInteraction).gzip, m.viewport).toBeLessThanOrEqual(150_000);
      runs.push({ ...m, totals: { before: sum(m.beforeInteraction), after: sum(m.afterInteraction) } });
    }
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'js-bytes.json'), `${JSON.stringify(runs, null, 2)}\n`);
    for (const r of runs) console.log(`[js-bytes] ${r.viewport}: before ${r.totals.before.bytes} B (${r.totals.before.gzip} B gzip); after interacting +${r.totals.after.bytes} B (${r.totals.after.gzip} B gzip)`);
  });

  it('saves screenshots of the flagship at 360px and 1280px, light and dark, to tests/artifacts/', async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    for (const width of [360, 1280]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { page, close } = await world().open(ISSUE, { viewport: { width, height: 800 }, colorScheme });
        const file = path.join(ARTIFACTS, `fixture-rotation-${width}-${colorScheme}.png`);
        await page.screenshot({ path: file, fullPage: true, timeout: 30_000 });
        await close();
        expect(fs.statSync(file).size, file).toBeGreaterThan(20_000);
      }
    }
  });
});
