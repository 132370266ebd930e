import { describe, expect, it } from 'vitest';
import { darkTheme, lightTheme } from '../../src/charts/theme.ts';
import * as vega from 'vega';
import { dataflowOf } from '../../src/client/interactive-format.ts';
import { interactiveChart, interactiveConfig, interactiveSpec, temporalFields } from '../../src/client/interactive-spec.ts';
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

  it('keeps the build theme and adds tooltips, with hidden hover points on lines', () => {
    const light = interactiveConfig('light') as Record<string, Record<string, unknown>>;
    expect(light.axis).toEqual(lightTheme.axis);
    expect(light.bar).toMatchObject({ ...lightTheme.bar, tooltip: true });
    expect(light.line).toMatchObject({ ...lightTheme.line, point: { opacity: 0, tooltip: true } });
    expect((interactiveConfig('dark') as Record<string, unknown>).axis).toEqual(darkTheme.axis);
  });
});

describe('the chart file the interactive layer draws from, compiled at build time', () => {
  const rows = Array.from({ length: 300 }, (_, i) => ({ date: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`, v: i, s: i % 2 ? 'a' : 'b' }));
  const spec = { data: { values: rows }, mark: 'line', encoding: { x: { field: 'date', type: 'temporal' }, y: { field: 'v', type: 'quantitative' }, color: { field: 's' } } };

  it('holds Vega\'s parsed dataflow per theme and layout, and each table once', () => {
    const chart = interactiveChart(spec);
    expect(Object.keys(chart.views).sort()).toEqual(['dark-narrow', 'dark-wide', 'light-narrow', 'light-wide']);
    expect(chart.data).toHaveLength(1);
    expect(chart.data[0]).toHaveLength(300);
    // The browser's dates are local midnight; no Vega-Lite is left to compile.
    expect((chart.data[0]![0] as { date: string }).date).toBe('2026-01-01T00:00');
    const json = JSON.stringify(chart.views);
    expect(json).not.toContain('2026-01-01');
    expect(json).toContain('"$tallyData":0');
    expect(json).not.toContain('"mark":"line"');
  });

  it('a composite spec (one that cannot be fitted to a width) has the wide layout only', () => {
    const chart = interactiveChart({ data: { values: rows }, hconcat: [{ mark: 'point', encoding: spec.encoding }, { mark: 'bar', encoding: spec.encoding }] });
    expect(Object.keys(chart.views).sort()).toEqual(['dark-wide', 'light-wide']);
  });

  it('draws, with its rows put back, what the spec draws, in the theme asked for', async () => {
    const chart = interactiveChart(spec);
    const light = new vega.View(dataflowOf(chart, 'light-wide') as never, { renderer: 'none' });
    const dark = new vega.View(dataflowOf(chart, 'dark-wide') as never, { renderer: 'none' });
    const [a, b] = [await light.toSVG(), await dark.toSVG()];
    // Two series with hover points at all 300 rows.
    expect(a.match(/aria-roledescription="line mark"/g)).toHaveLength(2);
    expect(a.match(/aria-roledescription="point"/g)).toHaveLength(300);
    expect(a).toContain(`fill="${String(lightTheme.axis?.labelColor)}"`);
    expect(b).toContain(`fill="${String(darkTheme.axis?.labelColor)}"`);
    expect(a).not.toContain(`fill="${String(darkTheme.axis?.labelColor)}"`);
    expect(() => dataflowOf(chart, 'sepia-wide')).toThrow(/no view "sepia-wide"/);
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
