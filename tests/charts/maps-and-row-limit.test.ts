import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareChart } from '../../src/charts/build-chart.ts';
import { renderSvg } from '../../src/charts/render-svg.ts';
import { TallyError } from '../../src/core/errors.ts';
import type { CalendarDate } from '../../src/data/calendar-date.ts';
import type { ComputedDataset } from '../../src/figures/compute-figures.ts';
import { manifestEntry, tempProject } from '../helpers/data-dir.ts';

const square = (x: number, y: number) => [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]];
const GEOJSON = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', id: 'A', properties: { name: 'Alpha & <Co>', rate: 3 }, geometry: { type: 'Polygon', coordinates: square(0, 0) } },
    { type: 'Feature', id: 'B', properties: { name: 'Beta', rate: 5 }, geometry: { type: 'Polygon', coordinates: square(2, 0) } },
  ],
};
// Two unit squares as a TopoJSON topology with quantized-free arcs.
const TOPOJSON = {
  type: 'Topology',
  arcs: [
    [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]],
    [[2, 0], [3, 0], [3, 1], [2, 1], [2, 0]],
  ],
  objects: {
    regions: {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Polygon', id: 'A', properties: { name: 'Alpha' }, arcs: [[0]] },
        { type: 'Polygon', id: 'B', properties: { name: 'Beta' }, arcs: [[1]] },
      ],
    },
  },
};

const map = (url: string, format?: object) =>
  JSON.stringify({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Regions',
    description: 'Two regions.',
    width: 300,
    height: 150,
    data: { url, ...(format ? { format } : {}) },
    projection: { type: 'equirectangular' },
    mark: 'geoshape',
    encoding: { color: { field: 'properties.name', type: 'nominal' } },
  });

const issueDir = () => path.join(process.env.TALLY_ROOT!, 'content/issues/maps');
const usage = { file: 'content/issues/maps/index.mdx', line: 3, column: 1 };
const asOf = '2026-01-31' as CalendarDate;
const prepare = (name: string, datasets = new Map<string, ComputedDataset>()) => prepareChart({ ref: `./${name}.vl.json`, issueDir: issueDir(), usage, asOf, datasets });

function project(): void {
  const rows = Array.from({ length: 10 }, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')},${i}`).join('\r\n');
  tempProject({
    'data/manifest.yaml': manifestEntry('regions.geojson') + manifestEntry('regions.topojson') + manifestEntry('daily.csv', { date: 'date', v: 'number' }),
    'data/regions.geojson': JSON.stringify(GEOJSON),
    'data/regions.topojson': JSON.stringify(TOPOJSON),
    'data/daily.csv': `date,v\r\n${rows}\r\n`,
    'content/issues/maps/geo.vl.json': map('regions.geojson'),
    'content/issues/maps/topo.vl.json': map('regions.topojson', { type: 'topojson', feature: 'regions' }),
    'content/issues/maps/daily.vl.json': JSON.stringify({ title: 'Daily', description: 'Daily values.', data: { url: 'daily.csv' }, mark: 'point', encoding: { x: { field: 'date', type: 'temporal' }, y: { field: 'v', type: 'quantitative' } } }),
    'content/issues/maps/named.vl.json': JSON.stringify({ title: 'Named', description: 'A dataset.', data: { name: 'many' }, mark: 'point', encoding: { x: { field: 'v', type: 'quantitative' } } }),
  });
}

afterEach(() => {
  delete process.env.TALLY_ROOT;
  delete process.env.TALLY_MAX_CHART_ROWS;
});

describe('maps from GeoJSON and TopoJSON', () => {
  it.each(['geo', 'topo'])('%s: a geoshape chart draws each feature, and its data table lists their properties', async (name) => {
    project();
    const chart = prepare(name);
    const { svg } = await renderSvg(chart.spec, `${name}.vl.json`, 'wide');
    expect(svg.match(/aria-roledescription="geoshape"/g)?.length ?? 0).toBe(2);
    expect(chart.bound.primary?.rows.map((r) => r.name)).toEqual([name === 'geo' ? 'Alpha & <Co>' : 'Alpha', 'Beta']);
    expect(chart.bound.sources).toEqual([{ file: `regions.${name}json`, columns: [], latest: false }]);
    // A label from data is text in the SVG's legend, escaped.
    if (name === 'geo') {
      expect(svg).toContain('Alpha &amp; &lt;Co&gt;');
      expect(svg).not.toContain('<Co>');
    }
  });
});

describe('a chart with more rows than it can show', () => {
  it('fails at the spec, pointing to an aggregating dataset, for a file and for a dataset', () => {
    project();
    process.env.TALLY_MAX_CHART_ROWS = '5';
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ v: i }));
    for (const [name, datasets, source] of [
      ['daily', undefined, 'data/daily.csv'],
      ['named', new Map([['many', { name: 'many', rows: rows(6), sources: [] }]]), 'the dataset "many"'],
    ] as const) {
      try {
        prepare(name, datasets as Map<string, ComputedDataset> | undefined);
        expect.unreachable(name);
      } catch (e) {
        expect(e).toBeInstanceOf(TallyError);
        const err = e as TallyError;
        expect(err.message).toContain(`The chart reads ${name === 'daily' ? 10 : 6} rows from ${source}; a chart draws at most 5.`);
        expect(err.hint).toContain('"data": {"name": "monthly"}');
        expect((err as unknown as { where: { file: string; line: number } }).where).toMatchObject({ file: `content/issues/maps/${name}.vl.json`, line: 1 });
      }
    }
    process.env.TALLY_MAX_CHART_ROWS = '10';
    expect(prepare('daily').bound.primary?.rows).toHaveLength(10);
  });
});
