import { describe, expect, it } from 'vitest';
import { darkTheme, lightTheme } from '../../src/charts/theme.ts';
import { interactiveConfig, interactiveSpec, temporalFields } from '../../src/client/interactive-spec.ts';
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
