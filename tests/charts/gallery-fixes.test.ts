import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareChart } from '../../src/charts/build-chart.ts';
import { TallyError } from '../../src/core/errors.ts';
import type { CalendarDate } from '../../src/data/calendar-date.ts';
import { dataFormatOf } from '../../src/data/data-format-of.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/**
 * Gallery examples Tally refused or drew otherwise than bare Vega (scripts/gallery), each as
 * the smallest spec that showed it: an axis condition's field, a JSON file's nested objects,
 * times of day in a date column, a map saved as .json.
 */
let root: string;
let issueDir: string;
const provenance = 'title: t\n  source: Test\n  url: https://example.com/d\n  licence: CC0-1.0\n  retrieved: 2026-01-01\n  illustrative: false';
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
};
const spec = (name: string, body: Record<string, unknown>) => write(`content/issues/g/${name}.vl.json`, JSON.stringify({ title: name, description: `The ${name} case.`, ...body }, null, 2));

beforeAll(() => {
  root = tempDir('tally-gallery-fixes-');
  process.env.TALLY_ROOT = root;
  issueDir = path.join(root, 'content/issues/g');
  write('data/prices.csv', 'date,price\n2020-01-01,1\n2020-02-01,2\n2020-03-01,3\n');
  write('data/clock.csv', 'time,count\n2020-01-01 09:00,1\n2020-01-01 17:30,2\n2020-01-02 09:00,3\n');
  write('data/weekly.json', JSON.stringify([{ day: 'M', record: { high: 62, low: 15 } }, { day: 'T' }, { day: 'W', record: { high: 61, low: 20 } }]));
  write(
    'data/manifest.yaml',
    [
      `prices.csv:\n  ${provenance}\n  columns:\n    date: date\n    price: number`,
      `clock.csv:\n  ${provenance}\n  columns:\n    time: { type: date, format: "%Y-%m-%d %H:%M" }\n    count: integer`,
      `weekly.json:\n  ${provenance}\n  columns:\n    day: string\n    record_high: { type: integer, path: "record.high" }\n    record_low: { type: integer, path: "record.low" }`,
    ].join('\n\n') + '\n',
  );
  const tick = { condition: { test: { field: 'value', timeUnit: 'month', equal: 1 }, value: [] }, value: [2, 2] };
  spec('axis-condition', { data: { url: 'prices.csv' }, mark: 'line', encoding: { x: { field: 'date', type: 'temporal', axis: { tickDash: tick } }, y: { field: 'price', type: 'quantitative' } } });
  spec('axis-condition-typo', { data: { url: 'prices.csv' }, mark: 'line', encoding: { x: { field: 'date', type: 'temporal', axis: { tickDash: tick } }, y: { field: 'prise', type: 'quantitative' } } });
  spec('hours', { data: { url: 'clock.csv' }, mark: 'circle', encoding: { x: { field: 'time', timeUnit: 'hours', type: 'ordinal' }, size: { field: 'count', aggregate: 'sum' } } });
  spec('hours-expr', { data: { url: 'clock.csv' }, transform: [{ calculate: 'hours(datum.time)', as: 'h' }], mark: 'bar', encoding: { x: { field: 'h', type: 'ordinal' }, y: { field: 'count', type: 'quantitative' } } });
  spec('by-month', { data: { url: 'clock.csv' }, mark: 'bar', encoding: { x: { field: 'time', timeUnit: 'month', type: 'ordinal' }, y: { field: 'count', aggregate: 'sum' } } });
  spec('nested', { data: { url: 'weekly.json' }, mark: 'bar', encoding: { x: { field: 'day', type: 'ordinal' }, y: { field: 'record.low', type: 'quantitative' }, y2: { field: 'record.high' } } });
});
afterAll(() => {
  delete process.env.TALLY_ROOT;
  fs.rmSync(root, { recursive: true, force: true });
});

const asOf = '2026-01-31' as CalendarDate;
const prepare = (name: string) => prepareChart({ ref: `./${name}.vl.json`, issueDir, usage: { file: 'content/issues/g/index.mdx', line: 3, column: 1 }, asOf, datasets: new Map() });
const failure = (name: string): TallyError => {
  try {
    prepare(name);
  } catch (e) {
    if (e instanceof TallyError) return e;
    throw e;
  }
  throw new Error(`${name} did not fail`);
};

describe('a field an axis condition tests is the tick value, not a column', () => {
  it('binds the spec', () => {
    expect((prepare('axis-condition').spec.data as { values: unknown[] }).values).toHaveLength(3);
  });
  it('a misspelt column beside it still fails at its line', () => {
    expect(failure('axis-condition-typo').message).toMatch(/^content\/issues\/g\/axis-condition-typo\.vl\.json:\d+: No column "prise" in prices\.csv/);
  });
});

describe('times of day in a date column', () => {
  it('a time unit of hours over a date declared with a time of day fails at its line, not drawn as midnight', () => {
    const e = failure('hours');
    expect(e.code).toBe('InvalidSpec');
    expect(e.message).toMatch(/^content\/issues\/g\/hours\.vl\.json:\d+: The spec reads the hours time unit of "time", but data\/clock\.csv declares "time" a date written "%Y-%m-%d %H:%M"/);
  });
  it('so does hours(datum.time) in an expression', () => {
    expect(failure('hours-expr').message).toContain('The spec reads the hour of "time"');
  });
  it('a month of the same column is drawn', () => {
    expect((prepare('by-month').spec.data as { values: unknown[] }).values).toHaveLength(3);
  });
});

describe("a JSON file's nested objects", () => {
  it('a spec reads "record.low" as Vega reads it from the file; the data table keeps the declared columns', () => {
    const { spec, bound } = prepare('nested');
    const values = (spec.data as { values: Record<string, unknown>[] }).values;
    expect(values[0]!.record).toEqual({ high: 62, low: 15 });
    // A record without the object gets none made up for it: a missing value, like any key other records have.
    expect(values[1]!.record).toBeNull();
    expect(bound.primary?.rows[0]).toEqual({ day: 'M', record_high: 62, record_low: 15 });
  });
});

describe('a map saved as .json', () => {
  it('is a TopoJSON or GeoJSON document, not a table', () => {
    const file = (name: string, text: string) => (write(`data/${name}`, text), path.join(root, 'data', name));
    expect(dataFormatOf(file('us.json', '{"type":"Topology","objects":{}}'))).toEqual({ format: 'topojson', fromExtension: false });
    expect(dataFormatOf(file('quakes.json', '{ "type": "FeatureCollection", "features": [] }'))).toEqual({ format: 'geojson', fromExtension: false });
    expect(dataFormatOf(file('rows.json', '[{"type":"Topology"}]'))).toEqual({ format: 'json', fromExtension: true });
  });
});
