import { describe, expect, it } from 'vitest';
import { fitsWidth, LAYOUTS, layoutSpec } from '../../src/charts/chart-layout.ts';
import { resolveColours } from '../../src/charts/css-colours.ts';
import { renderSvg } from '../../src/charts/render-svg.ts';
import { tickPlan } from '../../src/charts/temporal-axes.ts';
import { CHART_PALETTES } from '../../src/charts/theme.ts';

const monthly = Array.from({ length: 16 }, (_, m) => ({ date: new Date(Date.UTC(2025, 6 + m, 1)).toISOString().slice(0, 10), v: (m * 7) % 11, s: m % 2 ? 'Russell 2000' : 'S&P 500' }));
const line = { data: { values: monthly }, width: 560, height: 220, mark: 'line', encoding: { x: { field: 'date', type: 'temporal', title: null }, y: { field: 'v', type: 'quantitative' }, color: { field: 's', type: 'nominal', title: null } } };
const industries = ['Leisure and hospitality', 'Professional and business services', 'Mining'].map((industry, i) => ({ industry, jobs: i + 1 }));
const bars = { data: { values: industries }, mark: 'bar', encoding: { y: { field: 'industry', type: 'nominal', title: null }, x: { field: 'jobs', type: 'quantitative' } } };

/** The text of each axis label (lines of a multi-line label joined by a space). */
function labels(svg: string): string[] {
  const group = /<g class="mark-text role-axis-label"[^>]*>([\s\S]*?)<\/g>/g;
  return [...svg.matchAll(group)].flatMap((g) => [...g[1]!.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)].map((t) => t[1]!.replace(/<tspan[^>]*>([^<]*)<\/tspan>/g, '$1 ').trim()));
}

describe('chart layouts', () => {
  it('draws a chart at the width of each layout, whatever width the spec asked for', async () => {
    for (const layout of ['wide', 'narrow'] as const) {
      const r = await renderSvg(line, 'line.vl.json', layout);
      expect(r.width, layout).toBe(LAYOUTS[layout].width);
      expect(r.svg).toMatch(new RegExp(`^<svg[^>]* width="${LAYOUTS[layout].width}"`));
    }
  });

  it('fits facets, repeats and concatenations to each layout: cells wrapped and sized, the whole no wider', async () => {
    const kinds = {
      facet: { data: line.data, mark: 'line', width: 200, height: 80, encoding: { ...line.encoding, color: undefined, facet: { field: 's', columns: 2 } } },
      column: { data: line.data, mark: 'line', width: 300, height: 80, encoding: { ...line.encoding, color: undefined, column: { field: 's' } } },
      operator: { data: line.data, facet: { column: { field: 's' } }, spec: { mark: 'point', width: 260, encoding: { x: { field: 'v', type: 'quantitative' }, y: { field: 'date', type: 'temporal' } } } },
      hconcat: { data: { values: industries.map((r) => ({ ...r, industry: r.industry.split(' ')[0] })) }, hconcat: [0, 1, 2].map(() => ({ mark: 'bar', width: 260, encoding: bars.encoding })) },
      repeat: { data: { values: monthly.map((r, i) => ({ ...r, w: i })) }, repeat: { column: ['v', 'w'] }, spec: { mark: 'point', width: 300, encoding: { x: { field: { repeat: 'column' }, type: 'quantitative' }, y: { field: 'date', type: 'temporal' } } } },
      // Panel headers wider than a cell: the width grows only once the cell outgrows them.
      headers: { data: { values: monthly.map((r) => ({ ...r, s: `${r.s} and transportation and warehousing` })) }, mark: 'line', encoding: { x: line.encoding.x, y: line.encoding.y, facet: { field: 's' } } },
      vconcat: { data: line.data, vconcat: [{ ...line, data: undefined, width: 900 }, { ...line, data: undefined, width: 900 }] },
    };
    for (const [kind, spec] of Object.entries(kinds)) {
      expect(fitsWidth(spec), kind).toBe(true);
      for (const layout of ['wide', 'narrow'] as const) {
        const { width } = await renderSvg(spec, `${kind}.vl.json`, layout);
        // Drawn no wider than the layout (shown at 1:1), and filling most of it.
        expect(width, `${kind} ${layout}`).toBeLessThanOrEqual(LAYOUTS[layout].width);
        expect(width, `${kind} ${layout}`).toBeGreaterThan(LAYOUTS[layout].width * 0.8);
      }
    }
    // Small multiples sharing their axes keep two cells across on a phone; a column facet wraps like one.
    expect(layoutSpec(kinds.facet, 'narrow')).toMatchObject({ encoding: { facet: { field: 's', columns: 2 } } });
    expect(layoutSpec(kinds.column, 'narrow')).toMatchObject({ encoding: { facet: { field: 's', columns: 2 } } });
    expect(layoutSpec(kinds.column, 'narrow').width).toBeGreaterThanOrEqual(100);
    // Charts with axes of their own stack on a phone; in the column the three stay side by side.
    expect(layoutSpec(kinds.column, 'narrow').encoding).not.toHaveProperty('column');
    expect(layoutSpec(kinds.hconcat, 'narrow')).toMatchObject({ columns: 1 });
    expect(layoutSpec(kinds.hconcat, 'narrow')).not.toHaveProperty('hconcat');
    expect((layoutSpec(kinds.hconcat, 'wide').hconcat as unknown[]).length).toBe(3);
    // With labels of up to 35 characters, three do not fit the column side by side, nor two: they stack.
    expect(layoutSpec({ ...kinds.hconcat, data: { values: industries } }, 'wide')).toMatchObject({ columns: 1 });
    expect(layoutSpec(kinds.repeat, 'narrow')).toMatchObject({ repeat: ['v', 'w'], columns: expect.any(Number), spec: { encoding: { x: { field: { repeat: 'repeat' } } } } });
  });

  it('refuses a row × column grid with more columns than the column can hold, naming the file and the fix; a phone scrolls one the column holds', async () => {
    const values = Array.from({ length: 144 }, (_, i) => ({ a: `A${i % 12}`, b: `B${Math.floor(i / 12) % 12}`, x: i, y: i % 5 }));
    const grid = { data: { values }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, row: { field: 'b' }, column: { field: 'a' } } };
    for (const layout of ['narrow', 'wide'] as const) {
      const err = await renderSvg(grid, 'content/issues/x/grid.vl.json', layout).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'ChartTooWide', message: expect.stringMatching(/^content\/issues\/x\/grid\.vl\.json: .*wide layout \(608 px\): with 12 columns/) });
      expect((err as { hint: string }).hint).toMatch(/"facet" with "columns"/);
    }
    // Four columns do not fit a phone at a legible size, but fit the column: the narrow drawing is the wide one (it scrolls sideways).
    const four = { ...grid, data: { values: values.filter((v) => v.a < 'A4' && v.b < 'B4') } };
    const narrowFour = await renderSvg(four, 'grid.vl.json', 'narrow');
    expect(narrowFour.width).toBeGreaterThan(320);
    expect(narrowFour.width).toBeLessThanOrEqual(608);
    // Cells whose width the spec sets some other way (here concatenations nested in one) are not refused: they keep their size.
    const nested = { data: line.data, hconcat: [0, 1].map(() => ({ hconcat: [0, 1, 2].map(() => ({ ...line, data: undefined, width: 200 })) })) };
    expect(layoutSpec(nested, 'narrow', 'nested.vl.json')).toMatchObject({ hconcat: [{ hconcat: [{ width: 200 }, { width: 200 }, { width: 200 }] }, {}] });
    // Two columns fit: drawn, not refused.
    const two = { ...grid, data: { values: Array.from({ length: 16 }, (_, i) => ({ a: `A${i % 2}`, b: `B${(i >> 1) % 8}`, x: i, y: i % 5 })) } };
    expect((await renderSvg(two, 'grid.vl.json', 'narrow')).width).toBeLessThanOrEqual(320);
  });

  it('draws fewer x ticks in the narrow layout', async () => {
    const wide = labels((await renderSvg(line, 'line.vl.json', 'wide')).svg);
    const narrow = labels((await renderSvg(line, 'line.vl.json', 'narrow')).svg);
    expect(narrow.length).toBeLessThan(wide.length);
  });

  it('names the year under the first date label and under the first label of each new year', async () => {
    for (const layout of ['wide', 'narrow'] as const) {
      const dates = labels((await renderSvg(line, 'line.vl.json', layout)).svg).filter((l) => /[A-Za-z]|^\d{4}$/.test(l));
      expect(dates[0], layout).toBe('Jul 2025');
      expect(dates.filter((l) => /\d{4}/.test(l)), layout).toEqual(['Jul 2025', 'Jan 2026']);
    }
  });

  it('keeps long category labels whole in the wide layout, and caps them on a phone', async () => {
    const wide = labels((await renderSvg(bars, 'bars.vl.json', 'wide')).svg);
    expect(wide).toEqual(expect.arrayContaining(['Leisure and hospitality', 'Professional and business services']));
    const narrow = labels((await renderSvg({ ...bars, encoding: { ...bars.encoding, y: { ...bars.encoding.y, axis: { labelLimit: 400 } } } }, 'bars.vl.json', 'narrow')).svg);
    expect(narrow).toContain('Leisure and hospitality');
    expect(narrow.find((l) => l.startsWith('Professional'))).toMatch(/…$/);
  });
});

describe('theme colours as CSS custom properties', () => {
  it('draws every theme colour as a var(--chart-*) and no stand-in colour is left', async () => {
    const { svg } = await renderSvg(line, 'line.vl.json', 'wide');
    expect(svg).not.toMatch(/#0ca1/);
    expect(svg).toContain('style="fill:var(--chart-label)"');
    expect(svg).toContain('style="stroke:var(--chart-c1)"');
    expect(svg).toContain('style="stroke:var(--chart-grid)"');
  });

  it('resolves them to the light palette for a rasterizer, as plain attributes', async () => {
    const { svg } = await renderSvg(line, 'line.vl.json', 'wide');
    const light = resolveColours(svg, 'light');
    expect(light).not.toContain('var(--chart');
    expect(light).toContain(`fill="${CHART_PALETTES.light.label}"`);
    expect(light).toContain(`stroke="${CHART_PALETTES.light.c1}"`);
    expect(resolveColours(svg, 'dark')).toContain(`fill="${CHART_PALETTES.dark.label}"`);
  });

  it('keeps colours a spec names itself', async () => {
    const { svg } = await renderSvg({ ...bars, mark: { type: 'bar', color: '#e07a1f' } }, 'bars.vl.json', 'wide');
    expect(svg).toContain('fill="#e07a1f"');
  });
});

describe('temporal axis defaults', () => {
  const byMonth = Array.from({ length: 30 }, (_, i) => ({ date: new Date(Date.UTC(2024, i, 1)).toISOString().slice(0, 10), v: i % 7 }));
  const bar = (x: Record<string, unknown>) => ({ data: { values: byMonth }, mark: 'bar', encoding: { x: { field: 'date', type: 'temporal', ...x }, y: { field: 'v', type: 'quantitative', aggregate: 'sum' } } });

  it('prints no year for a time unit without one (Vega-Lite plots a dummy year there)', async () => {
    for (const timeUnit of ['month', 'quarter', 'monthdate']) expect(labels((await renderSvg(bar({ timeUnit }), 'm.vl.json', 'wide')).svg).join(' '), timeUnit).not.toMatch(/20\d\d/);
    expect(labels((await renderSvg(bar({ timeUnit: 'yearmonth' }), 'm.vl.json', 'wide')).svg)).toEqual(expect.arrayContaining(['2024', '2025']));
  });

  it('names the year under the first label and where a year starts, not under every day of early January', async () => {
    const days = (from: string, n: number) => Array.from({ length: n }, (_, i) => ({ date: new Date(Date.parse(from) + i * 86_400_000).toISOString().slice(0, 10), v: i }));
    const daily = (from: string, n: number) => ({ data: { values: days(from, n) }, mark: 'line', encoding: { x: { field: 'date', type: 'temporal' }, y: { field: 'v', type: 'quantitative' } } });
    const years = async (from: string, n: number) => labels((await renderSvg(daily(from, n), 'd.vl.json', 'wide')).svg).filter((l) => /20\d\d/.test(l));
    expect(await years('2026-01-02', 7)).toEqual(['Jan 2 2026']);
    expect(await years('2025-12-20', 20)).toEqual(['Dec 21 2025', 'Jan 4 2026']);
    expect(await years('2024-01-01', 900)).toEqual(['Jan 2024', 'Jan 2025', 'Jan 2026']);
  });

  it('ticks date-only data on days, at every interval, with the year at the first label and at each new year', async () => {
    const every = (from: string, n: number, days: number) => Array.from({ length: n }, (_, i) => ({ date: new Date(Date.parse(from) + i * days * 86_400_000).toISOString().slice(0, 10), v: i % 5 }));
    const monthly = (from: string, n: number, step: number) =>
      Array.from({ length: n }, (_, i) => {
        const d = new Date(from);
        d.setUTCMonth(d.getUTCMonth() + i * step);
        return { date: d.toISOString().slice(0, 10), v: i % 5 };
      });
    const cases = [
      // A week of daily data across a new year: a tick a day, none at noon.
      { values: every('2025-12-28', 7, 1), layout: 'wide', interval: 'day', step: 1, expected: ['Dec 28 2025', 'Dec 29', 'Dec 30', 'Dec 31', 'Jan 1 2026', 'Jan 2', 'Jan 3'] },
      { values: every('2025-12-28', 7, 1), layout: 'narrow', interval: 'day', step: 2, expected: ['Dec 29 2025', 'Dec 31', 'Jan 1 2026', 'Jan 3'] },
      // Weekly data across a new year: no tick falls on January 1, the year still shows where it starts.
      { values: every('2025-11-03', 12, 7), layout: 'wide', interval: 'week', step: 2, expected: ['Nov 16 2025', 'Nov 30', 'Dec 14', 'Dec 28', 'Jan 11 2026'] },
      { values: monthly('2025-05-01', 14, 1), layout: 'wide', interval: 'month', step: 2, expected: ['May 2025', 'Jul', 'Sep', 'Nov', 'Jan 2026', 'Mar', 'May'] },
      { values: monthly('2023-04-01', 11, 3), layout: 'wide', interval: 'month', step: 3, expected: ['Apr 2023', 'Jul', 'Oct', 'Jan 2024', 'Apr', 'Jul', 'Oct', 'Jan 2025', 'Apr', 'Jul', 'Oct'] },
      { values: monthly('2015-01-01', 10, 12), layout: 'wide', interval: 'year', step: 1, expected: ['2015', '2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024'] },
    ] as const;
    for (const c of cases) {
      const spec = { data: { values: c.values }, mark: 'line', encoding: { x: { field: 'date', type: 'temporal' }, y: { field: 'v', type: 'quantitative' } } };
      const x = (layoutSpec(spec, c.layout).encoding as { x: { axis: { tickCount: unknown } } }).x;
      expect(x.axis.tickCount, `${c.interval} ${c.layout}`).toEqual({ interval: c.interval, step: c.step });
      const drawn = labels((await renderSvg(spec, 'd.vl.json', c.layout)).svg).filter((l) => /[A-Za-z]|\d{4}/.test(l));
      expect(drawn, `${c.interval} ${c.layout}`).toEqual(c.expected);
    }
    // Dates with times of day keep Vega's own ticks.
    const timed = { data: { values: [{ t: '2026-01-02T09:00:00Z', v: 1 }, { t: '2026-01-02T17:00:00Z', v: 2 }] }, mark: 'line', encoding: { x: { field: 't', type: 'temporal' }, y: { field: 'v', type: 'quantitative' } } };
    expect((layoutSpec(timed, 'wide').encoding as { x: { axis: object } }).x.axis).not.toHaveProperty('tickCount');
    expect(tickPlan(undefined, 500)).toBeUndefined();
  });

  it('keeps an author\'s format, adding the year line only where the label lacks it; an own label expression stands', async () => {
    const own = (format: string) => ({ ...bar({ axis: { format } }), mark: 'line' });
    expect(labels((await renderSvg(own('%b %Y'), 'f.vl.json', 'wide')).svg)[0]).toBe('Jan 2024');
    expect(labels((await renderSvg(own('%b %-d'), 'f.vl.json', 'wide')).svg)[0]).toBe('Jan 1 2024');
    expect(labels((await renderSvg(bar({ axis: { labelExpr: "'x'" } }), 'f.vl.json', 'wide')).svg).filter((l) => l === 'x').length).toBeGreaterThan(2);
  });
});
