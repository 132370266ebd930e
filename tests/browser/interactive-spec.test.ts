import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { buildSite, makeSite } from '../helpers/site.ts';
import { goLive, openPage, tooltipOf } from './reader-checks.ts';
import { serveStatic, type StaticServer } from './serve-static.ts';
import { CHART_PALETTES, drawingTheme, SENTINELS } from '../../src/charts/theme.ts';
import * as vega from 'vega';
import { dataflowOf } from '../../src/client/interactive-format.ts';
import { interactiveChart, interactiveConfig, interactiveSpec, temporalFields } from '../../src/charts/interactive-spec.ts';
import { needsGeo } from '../../src/client/vega-runtime.ts';
import { chartKey, chartSpecPath } from '../../src/core/chart-routes.ts';

describe('the spec the interactive layer draws', () => {
  const spec = {
    datasets: { ytd: [{ day: '2026-01-02', label: '2026-01-02', v: 1 }] },
    data: { values: [{ date: '2026-01-02', note: '2026-01-02' }, { date: '2026-01-05T12:00', note: 'x' }] },
    layer: [
      { mark: 'line', encoding: { x: { field: 'date', type: 'temporal' }, y: { field: 'v', type: 'quantitative' } } },
      { data: { name: 'ytd' }, mark: 'point', encoding: { x: { field: 'day', type: 'temporal' }, tooltip: [{ field: 'label', type: 'nominal' }] } },
    ],
  };

  it('finds the fields plotted as time, in layers too', () => {
    expect(temporalFields(spec)).toEqual(new Set(['date', 'day']));
  });

  it('makes calendar dates of those fields local midnight, and leaves other text and the input alone', () => {
    const out = interactiveSpec(spec) as typeof spec;
    expect(out.data.values).toEqual([{ date: '2026-01-02T00:00', note: '2026-01-02' }, { date: '2026-01-05T12:00', note: 'x' }]);
    expect(out.datasets.ytd).toEqual([{ day: '2026-01-02T00:00', label: '2026-01-02', v: 1 }]);
    expect(spec.data.values[0]!.date).toBe('2026-01-02');
    expect(out.layer).toEqual(spec.layer);
  });

  it('keeps the drawing\'s theme (its stand-in colours) and adds tooltips, with hidden hover points on lines', () => {
    const config = interactiveConfig() as Record<string, Record<string, unknown>>;
    expect(config.axis).toEqual(drawingTheme.axis);
    expect(config.bar).toMatchObject({ ...drawingTheme.bar, tooltip: true });
    expect(config.line).toMatchObject({ ...drawingTheme.line, point: { opacity: 0, tooltip: true } });
  });
});

describe('the chart file the interactive layer draws from, compiled at build time', () => {
  const rows = Array.from({ length: 300 }, (_, i) => ({ date: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`, v: i, s: i % 2 ? 'a' : 'b' }));
  const spec = { data: { values: rows }, mark: 'line', encoding: { x: { field: 'date', type: 'temporal' }, y: { field: 'v', type: 'quantitative' }, color: { field: 's' } } };

  it('holds Vega\'s parsed dataflow per layout, with the drawing\'s stand-in colours, and each table once', () => {
    const chart = interactiveChart(spec);
    expect(Object.keys(chart.views).sort()).toEqual(['narrow', 'wide']);
    expect(chart.data).toHaveLength(1);
    expect(chart.data[0]).toHaveLength(300);
    // The browser's dates are local midnight; no Vega-Lite is left to compile.
    expect((chart.data[0]![0] as { date: string }).date).toBe('2026-01-01T00:00');
    const json = JSON.stringify(chart.views);
    expect(json).not.toContain('2026-01-01');
    expect(json).toContain('"$tallyData":0');
    expect(json).not.toContain('"mark":"line"');
    expect(json).toContain(SENTINELS.label);
    expect(json).not.toContain(CHART_PALETTES.light.label);
  });

  it('a composite spec is fitted to each layout as its drawing is: a view per layout, its rows once', () => {
    const chart = interactiveChart({ data: { values: rows }, hconcat: [{ mark: 'point', encoding: spec.encoding }, { mark: 'bar', encoding: spec.encoding }] });
    expect(Object.keys(chart.views).sort()).toEqual(['narrow', 'wide']);
    expect(chart.data).toHaveLength(1);
    for (const view of Object.values(chart.views)) expect(JSON.stringify(view)).toContain('"$tallyData":0');
  });

  it('draws, with its rows put back, what the spec draws, in the colours of the palette given', async () => {
    const chart = interactiveChart(spec);
    const draw = async (palette: typeof CHART_PALETTES.light) => new vega.View(dataflowOf(chart, 'wide', palette) as never, { renderer: 'none' }).toSVG();
    const [light, dark] = [await draw(CHART_PALETTES.light), await draw(CHART_PALETTES.dark)];
    // Two series with hover points at all 300 rows.
    expect(light.match(/aria-roledescription="line mark"/g)).toHaveLength(2);
    expect(light.match(/aria-roledescription="point"/g)).toHaveLength(300);
    expect(light).toContain(`fill="${CHART_PALETTES.light.label}"`);
    expect(light).toContain(`stroke="${CHART_PALETTES.light.c1}"`);
    expect(dark).toContain(`fill="${CHART_PALETTES.dark.label}"`);
    expect(dark).toContain(`stroke="${CHART_PALETTES.dark.c2}"`);
    for (const svg of [light, dark]) expect(svg).not.toContain('#0ca1');
    expect(() => dataflowOf(chart, 'sepia', CHART_PALETTES.light)).toThrow(/no view "sepia"/);
  });
});

describe('the parts of Vega a chart file needs', () => {
  it('a map loads vega-geo\'s transforms; other charts do not', () => {
    const features = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'a' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } }] };
    const map = interactiveChart({ data: { values: features, format: { type: 'json', property: 'features' } }, mark: 'geoshape', encoding: { color: { field: 'properties.name', type: 'nominal' } } });
    expect(needsGeo(JSON.stringify(map.views.wide))).toBe(true);
    const line = interactiveChart({ data: { values: [{ x: 1, y: 2 }] }, mark: 'line', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } });
    expect(needsGeo(JSON.stringify(line.views.wide))).toBe(false);
  });
});

describe('the address of a chart spec', () => {
  it('names a spec beside the issue by its file name', () => {
    expect(chartSpecPath('fixture-rotation', './ytd-returns.vl.json')).toBe('/charts/fixture-rotation/ytd-returns.json');
    expect(chartKey('breadth.vl.json')).toBe('breadth');
  });

  it('keeps specs from elsewhere apart, with a digest of their path', () => {
    const a = chartKey('../shared/rates.vl.json');
    const b = chartKey('../other/rates.vl.json');
    expect(a).toMatch(/^rates-[0-9a-f]{8}$/);
    expect(b).toMatch(/^rates-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    expect(chartKey('./odd name!.vl.json')).toMatch(/^odd-name--[0-9a-f]{8}$/);
  });
});

/**
 * In Chromium, on a built site (tests/fixtures/long-series): a long series, drawn sampled, and a
 * map, whose live view loads vega-geo on its own, both come alive with every row and tooltips.
 */
describe('live charts of every row, and maps, in Chromium', () => {
  let root: string;
  let server: StaticServer;
  let browser: Browser;
  beforeAll(async () => {
    const site = makeSite('long-series', { on: 'basic' });
    root = site.root;
    const [built, launched] = await Promise.all([buildSite(site), launchChromium()]);
    expect(built.ok, built.output).toBe(true);
    browser = launched;
    server = await serveStatic(path.join(root, 'dist'));
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (root && process.env.TALLY_KEEP_SITES !== '1') fs.rmSync(root, { recursive: true, force: true });
  });

  /** The scripts a page has loaded so far. */
  const scriptsOf = (page: import('playwright-core').Page) => page.evaluate(() => performance.getEntriesByType('resource').filter((e) => (e as PerformanceResourceTiming).initiatorType === 'script' || e.name.endsWith('.js')).map((e) => new URL(e.name).pathname));
  const layer = /\/(InteractiveCharts|mount-chart)[^/]*\.js$/;

  it('draws the long series live with every row and shows a tooltip, without loading vega-geo', async () => {
    const { page, watch, close } = await openPage(browser, `${server.url}/issues/long-run/`);
    const figure = page.locator('figure.chart').first();
    await goLive(figure);
    // A hidden hover point at each of the 6,330 rows (and the legend's two symbols), where the
    // static SVG drew about 4,000 points.
    const points = await figure.locator('.chart-live .mark-symbol path').count();
    expect(points).toBeGreaterThanOrEqual(6_330);
    expect(points).toBeLessThanOrEqual(6_332);
    expect(await tooltipOf(figure)).toMatch(/symbol:? [AB]/);
    expect((await scriptsOf(page)).filter((s) => !layer.test(s))).toEqual([]);
    expect(watch.problems).toEqual([]);
    await close();
  });

  it('draws a map live, loading vega-geo for it, with a tooltip on a region', async () => {
    const { page, watch, close } = await openPage(browser, `${server.url}/issues/regions-map/`);
    const figure = page.locator('figure.chart').first();
    await goLive(figure);
    const shapes = figure.locator('.chart-live .mark-shape path');
    expect(await shapes.count()).toBe(2);
    const box = (await shapes.first().boundingBox())!;
    // One of two regions side by side, not the whole sphere (a ring wound the wrong way would be).
    expect(box.width).toBeLessThan(400);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.locator('#vg-tooltip-element.visible').waitFor();
    expect((await page.locator('#vg-tooltip-element').innerText()).replace(/\s+/g, ' ')).toMatch(/Region:? Alpha/);
    // The geo chunk came on top of the layer, for this chart only.
    expect((await scriptsOf(page)).filter((s) => !layer.test(s)).length).toBeGreaterThanOrEqual(1);
    expect(watch.problems).toEqual([]);
    await close();
  });
});
