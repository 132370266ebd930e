import { describe, expect, it } from 'vitest';
import { readInteractiveFile, type InteractiveFile } from '../../src/charts/interactive-file.ts';
import { interactiveChart, interactiveChartJson } from '../../src/charts/interactive-spec.ts';
import { compiledWithRows } from './compiled-with-rows.ts';

const days = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ date: `2026-0${1 + Math.floor((i + from) / 28)}-${String(((i + from) % 28) + 1).padStart(2, '0')}`, v: (i * 7919) % 101, s: i % 3 ? 'a' : 'b' }));

const cases: Record<string, Record<string, unknown>> = {
  'a long line in two layouts': {
    data: { values: days(2000 % 84) },
    mark: 'line',
    encoding: { x: { field: 'date', type: 'temporal' }, y: { field: 'v', type: 'quantitative' }, color: { field: 's', type: 'nominal' } },
  },
  'layers with data of their own, a named dataset, and the same rows twice': {
    datasets: { marks: days(5, 10) },
    data: { values: days(40) },
    layer: [
      { mark: 'area', encoding: { x: { field: 'date', type: 'temporal' }, y: { field: 'v', type: 'quantitative' } } },
      { data: { name: 'marks' }, mark: 'point', encoding: { x: { field: 'date', type: 'temporal' }, y: { field: 'v', type: 'quantitative' } } },
      { data: { values: days(5, 10) }, mark: 'rule', encoding: { x: { field: 'date', type: 'temporal' } } },
    ],
  },
  'bars over plain values, and an empty table': {
    layer: [
      { data: { values: [3, 1, 4, 1, 5] }, mark: 'tick', encoding: { x: { field: 'data', type: 'quantitative' } } },
      { data: { values: [] }, mark: 'bar', encoding: { x: { field: 'data', type: 'quantitative' } } },
    ],
  },
  'rows given as CSV text, which stay inline': {
    data: { values: 'k,v\na,1\nb,2', format: { type: 'csv' } },
    mark: 'bar',
    encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } },
  },
  'a facet, laid out from its rows': {
    data: { values: days(30) },
    facet: { field: 's', type: 'nominal' },
    columns: 2,
    spec: { mark: 'point', encoding: { x: { field: 'date', type: 'temporal' }, y: { field: 'v', type: 'quantitative' } } },
  },
  'a row that looks like the stand-in': {
    data: { values: [{ $tallyRows: 'not-a-marker:0', v: 1 }] },
    mark: 'point',
    encoding: { y: { field: 'v', type: 'quantitative' } },
  },
};

describe('the interactive compile, rows set aside', () => {
  for (const [name, spec] of Object.entries(cases)) {
    it(`writes the same file as the compile that carries every row through: ${name}`, () => {
      const expected = compiledWithRows(spec);
      expect(interactiveChartJson(JSON.stringify(spec))).toBe(expected);
      expect(JSON.stringify(interactiveChart(spec))).toBe(JSON.stringify(readInteractiveFile(JSON.parse(expected) as InteractiveFile)));
    });
  }

  it('puts every row in the file once, and each view references it', () => {
    const spec = cases['layers with data of their own, a named dataset, and the same rows twice']!;
    const file = readInteractiveFile(JSON.parse(interactiveChartJson(JSON.stringify(spec))) as InteractiveFile);
    expect(file.data.map((t) => t.length).sort((a, b) => a - b)).toEqual([5, 40]);
    expect(JSON.stringify(file.views)).not.toContain('$tallyRows');
    for (const view of Object.values(file.views)) expect(new Set(JSON.stringify(view).match(/"\$tallyData":\d+/g))).toEqual(new Set(['"$tallyData":0', '"$tallyData":1']));
  });
});
