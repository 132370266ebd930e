import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bindSpecData } from '../../src/charts/bind-spec-data.ts';
import { readSpec } from '../../src/charts/read-spec.ts';
import type { CalendarDate } from '../../src/data/calendar-date.ts';
import { canonicalJson } from '../../src/lock/canonical-json.ts';
import { manifestEntry, tempProject } from '../helpers/data-dir.ts';

afterEach(() => {
  delete process.env.TALLY_ROOT;
});

const usage = { file: 'content/issues/a/index.mdx', line: 7, column: 1 };
const asOf = '2026-01-31' as CalendarDate;

/** 6,000 days of two series, some after asOf, and a bar chart beside the line that is sampled. */
function longSeries() {
  const day = (i: number) => new Date(Date.UTC(2010, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  const rows = Array.from({ length: 6_000 }, (_, i) => `${day(i)},${(Math.sin(i / 9) * 100).toFixed(2)},${i % 7 ? i : ''}`);
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'T',
    description: 'D',
    vconcat: [
      { width: 300, data: { url: 'series.csv' }, mark: 'line', encoding: { x: { field: 'date', type: 'temporal' }, y: { field: 'a', type: 'quantitative' } } },
      { width: 300, data: { url: 'series.csv' }, mark: 'bar', encoding: { x: { field: 'date', type: 'temporal' }, y: { field: 'b', type: 'quantitative' } } },
    ],
  };
  const root = tempProject({
    'data/manifest.yaml': manifestEntry('series.csv', { date: 'date', a: 'number', b: 'number' }),
    'data/series.csv': `date,a,b\n${rows.join('\n')}\n`,
    'content/issues/a/c.vl.json': JSON.stringify(spec, null, 2),
  });
  return readSpec('./c.vl.json', path.join(root, 'content/issues/a'), usage);
}

const valuesOf = (spec: Record<string, unknown>, i: number): unknown[] =>
  ((spec.vconcat as { data: { values: unknown[] } }[])[i]!.data.values);

describe('a chart bound without sampling the drawn copy', () => {
  it('has the very same full spec as when sampled, and draws it whole', () => {
    const file = longSeries();
    const sampled = bindSpecData(file, asOf, new Map());
    const unsampled = bindSpecData(file, asOf, new Map(), { sample: false });
    // The default still samples the long line, so the two calls differ in what they draw.
    expect(valuesOf(sampled.spec, 0).length).toBeLessThan(valuesOf(sampled.full, 0).length);
    expect(valuesOf(unsampled.full, 0)).toHaveLength(5_875);
    expect(unsampled.full).toEqual(sampled.full);
    expect(canonicalJson(unsampled.full)).toBe(canonicalJson(sampled.full));
    expect(unsampled.spec).toBe(unsampled.full);
    expect(unsampled.primary).toEqual(sampled.primary);
    expect(unsampled.sources).toEqual(sampled.sources);
  });
});
