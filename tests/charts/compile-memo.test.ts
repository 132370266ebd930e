import { afterEach, describe, expect, it } from 'vitest';
import type { LayoutName } from '../../src/charts/chart-layout.ts';
import { compileMemoHits, dataflowTemplate, jsonTemplate, setCompileMemo, setRowsAside } from '../../src/charts/compile-memo.ts';
import { interactiveChartJson } from '../../src/charts/interactive-spec.ts';
import { renderSvg, type RenderedSvg } from '../../src/charts/render-svg.ts';
import { compiledWithRows } from './compiled-with-rows.ts';

/** Rows of one shape, their values drawn from `seed`: the same spec over another issue's data. */
const rows = (seed: number, n = 24) =>
  Array.from({ length: n }, (_, i) => ({ date: `2026-0${1 + Math.floor(i / 28)}-${String((i % 28) + 1).padStart(2, '0')}`, v: ((i + 3) * (seed * 7919 + 13)) % 97, g: (i + seed) % 3 ? 'north' : 'south' }));

const t = { field: 'date', type: 'temporal' };
const q = { field: 'v', type: 'quantitative' };

/** Each a spec over the data given: the memo must draw it as the compile with rows would. */
const shapes: Record<string, (seed: number) => Record<string, unknown>> = {
  'a line by group': (s) => ({ data: { values: rows(s) }, mark: 'line', encoding: { x: t, y: q, color: { field: 'g', type: 'nominal' } } }),
  'a facet (a composite laid out from its rows)': (s) => ({ data: { values: rows(s) }, facet: { field: 'g', type: 'nominal' }, columns: 2, spec: { mark: 'bar', encoding: { x: { field: 'date', type: 'ordinal' }, y: q } } }),
  'an hconcat': (s) => ({ data: { values: rows(s) }, hconcat: [{ mark: 'point', encoding: { x: t, y: q } }, { mark: 'bar', encoding: { x: { field: 'g', type: 'nominal' }, y: { ...q, aggregate: 'sum' } } }] }),
  'layers with data of their own and a named dataset': (s) => ({
    datasets: { marks: rows(s + 1, 5) },
    data: { values: rows(s) },
    layer: [
      { mark: 'area', encoding: { x: t, y: q } },
      { data: { name: 'marks' }, mark: 'point', encoding: { x: t, y: q } },
      { data: { values: rows(s + 2, 6) }, mark: 'rule', encoding: { x: t } },
    ],
  }),
  'two equal tables, in a layer and a named dataset': (s) => ({
    datasets: { same: rows(s, 8) },
    layer: [
      { data: { values: rows(s, 8) }, mark: 'line', encoding: { x: t, y: q } },
      { data: { name: 'same' }, mark: 'point', encoding: { x: t, y: q } },
      { data: { values: rows(s, 8) }, mark: 'tick', encoding: { x: t } },
    ],
  }),
  'rows shaped like the stand-in': (s) => ({ data: { values: [{ $tallyRows: `x:${s}`, v: s }, { $tallyRows: '0', v: 3 }] }, mark: 'bar', encoding: { x: { field: '$tallyRows', type: 'nominal' }, y: q } }),
  'a warning of Vega-Lite': (s) => ({ data: { values: rows(s) }, mark: 'line', encoding: { x: t, y: q, theta: { field: 'v', type: 'quantitative' } } }),
};

const LAYOUTS: LayoutName[] = ['wide', 'narrow'];
const draw = (spec: Record<string, unknown>, layout: LayoutName): Promise<RenderedSvg> => {
  const json = JSON.stringify(spec);
  return renderSvg(JSON.parse(json) as Record<string, unknown>, 'chart.vl.json', layout, json);
};

afterEach(() => setCompileMemo(true));

describe('compiles remembered by their spec without rows', () => {
  for (const [name, shape] of Object.entries(shapes)) {
    it(`draws the same bytes and warnings as the compile with rows, over new data: ${name}`, async () => {
      setCompileMemo(false);
      const expected = new Map<string, RenderedSvg>();
      for (const seed of [1, 2]) for (const layout of LAYOUTS) expected.set(`${seed}:${layout}`, await draw(shape(seed), layout));
      expect(expected.get('1:wide')!.svg).not.toBe(expected.get('2:wide')!.svg);
      if (name === 'a warning of Vega-Lite') expect(expected.get('1:wide')!.warnings).not.toEqual([]);
      setCompileMemo(true);
      const before = compileMemoHits();
      for (const seed of [1, 2, 1]) for (const layout of LAYOUTS) expect(await draw(shape(seed), layout)).toEqual(expected.get(`${seed}:${layout}`));
      // The first drawing in each layout compiled; the four after it did not.
      expect(compileMemoHits() - before).toBe(4);
    });

    it(`writes the same interactive file as the compile with rows, over new data: ${name}`, () => {
      const before = compileMemoHits();
      for (const seed of [1, 2, 1]) expect(interactiveChartJson(JSON.stringify(shape(seed)))).toBe(compiledWithRows(shape(seed)));
      expect(compileMemoHits() - before).toBeGreaterThanOrEqual(2);
    });
  }

  it('draws the same spec object twice as two fresh copies of it (the renderer of the main thread reuses it per layout)', async () => {
    setCompileMemo(false);
    const fresh = await Promise.all(LAYOUTS.map((layout) => draw(shapes['two equal tables, in a layer and a named dataset']!(3), layout)));
    setCompileMemo(true);
    const spec = shapes['two equal tables, in a layer and a named dataset']!(3);
    const json = JSON.stringify(spec);
    for (let round = 0; round < 2; round++) expect(await Promise.all(LAYOUTS.map((layout) => renderSvg(spec, 'chart.vl.json', layout, json)))).toEqual(fresh);
  });

  it('remembers no failure: a spec Vega-Lite refuses, or one Vega cannot run, fails each time with the same message', async () => {
    const refused = { data: { values: rows(1) }, mark: 'nonsense', encoding: { x: t, y: q } };
    const unrunnable = { data: { values: rows(1) }, transform: [{ calculate: 'datum.v +', as: 'w' }], mark: 'line', encoding: { x: t, y: { field: 'w', type: 'quantitative' } } };
    for (const broken of [refused, unrunnable]) {
      const before = compileMemoHits();
      const first = await draw(broken, 'wide').then(() => 'drawn', (e: Error) => e.message);
      expect(first).toMatch(/Vega/);
      expect(await draw(broken, 'wide').then(() => 'drawn', (e: Error) => e.message)).toBe(first);
      expect(compileMemoHits()).toBe(before);
    }
  });

  it('keys a spec by its shape, not its rows, and keeps equal tables once', () => {
    const a = setRowsAside(shapes['two equal tables, in a layer and a named dataset']!(1));
    const b = setRowsAside(shapes['two equal tables, in a layer and a named dataset']!(2));
    expect(a.json).toBe(b.json);
    expect(a.tables).toHaveLength(1);
    expect(a.json).not.toContain('2026-01-01');
    const other = setRowsAside(shapes['layers with data of their own and a named dataset']!(1));
    expect(other.tables).toHaveLength(3);
    expect(other.json).not.toBe(a.json);
  });

  it('refuses a template when a stand-in is anywhere Vega would not ingest it', () => {
    const { rowless } = setRowsAside({ data: { values: [{ v: 1 }] } });
    const standIn = (rowless.data as { values: unknown[] }).values;
    expect(dataflowTemplate({ operators: [{ $ingest: standIn }] })).toBeDefined();
    expect(dataflowTemplate({ operators: [{ $ingest: standIn }, { params: { values: standIn } }] })).toBeUndefined();
    expect(jsonTemplate(JSON.stringify({ operators: [{ $ingest: standIn }] }))?.tables).toEqual([0]);
    expect(jsonTemplate(JSON.stringify({ operators: [{ $ingest: standIn }, { params: { values: standIn } }] }))).toBeUndefined();
  });
});
