import { describe, expect, it } from 'vitest';
import type { Row, Table } from '../../src/data/column-types.ts';
import { Dataset } from '../../src/figures/dataset.ts';
import { count, last, lastDate, longestStreak, lookup, max, min, pctChange, pointChange, rank, share, streak, valueAt } from '../../src/figures/helpers.ts';
import { trackReads } from '../../src/figures/track-reads.ts';

function ds(rows: Row[]): Dataset {
  const table: Table = { file: 't.csv', columns: { date: 'date', v: 'number', name: 'string' }, rows, lines: rows.map((_, i) => i + 2), dateColumn: 'date' };
  return new Dataset(table, false);
}

const series = ds([
  { date: '2026-01-01', v: 100, name: 'a' },
  { date: '2026-01-02', v: 90, name: 'b' },
  { date: '2026-01-05', v: 95, name: 'c' },
  { date: '2026-01-06', v: 99, name: 'd' },
  { date: '2026-01-07', v: 120, name: 'e' },
]);
const up = (r: Row, i: number, rows: readonly Row[]) => i > 0 && (r.v as number) > (rows[i - 1]!.v as number);

describe('figure helpers', () => {
  it('reads last values and values at dates', () => {
    expect(last(series, 'v')).toBe(120);
    expect(lastDate(series)).toBe('2026-01-07');
    expect(valueAt(series, 'v', '2026-01-02')).toBe(90);
  });

  it('computes percent and point changes', () => {
    expect(pctChange(series, 'v', '2026-01-01')).toBeCloseTo(0.2);
    expect(pctChange(series, 'v', '2026-01-02', '2026-01-05')).toBeCloseTo(95 / 90 - 1);
    expect(pointChange(series, 'v', '2026-01-01', '2026-01-02')).toBe(-10);
  });

  it('counts streaks, shares, ranks and extremes', () => {
    expect(streak(series, up)).toBe(3);
    expect(streak(series, up, '2026-01-02')).toBe(0);
    expect(longestStreak(series, up)).toEqual({ length: 3, end: '2026-01-07' });
    expect(share(series, (r) => (r.v as number) >= 99)).toBeCloseTo(0.6);
    expect(count(series, (r) => (r.v as number) < 100)).toBe(3);
    expect(rank(series, 'v')).toBe(1);
    expect(rank(series, 'v', '2026-01-02')).toBe(5);
    expect(rank(series, 'v', '2026-01-02', 'ascending')).toBe(1);
    expect(max(series, 'v')).toEqual({ value: 120, date: '2026-01-07' });
    expect(min(series, 'v')).toEqual({ value: 90, date: '2026-01-02' });
    expect(lookup(series, 'v', (r) => r.name === 'c')).toBe(95);
  });

  it('refuses a date not written YYYY-MM-DD instead of naming the nearest dates to it', () => {
    expect(() => pctChange(series, 'v', '01/02/2026')).toThrow('t.csv: The date asked of t.csv is given "01/02/2026", which is not a calendar date written YYYY-MM-DD.');
    expect(() => valueAt(series, 'v', 'Jan 2 2026')).toThrow('which is not a calendar date');
    expect(() => rank(series, 'v', '2026-1-2')).toThrow('which is not a calendar date');
  });

  it('fails on a missing date, naming the nearest ones', () => {
    expect(() => valueAt(series, 'v', '2026-01-03')).toThrow('t.csv has no row dated 2026-01-03 (nearest: 2026-01-02, 2026-01-05).');
  });

  it('fails on a missing value with the row\'s line, never reading it as zero', () => {
    const holes = ds([{ date: '2026-01-01', v: 1, name: 'a' }, { date: '2026-01-02', v: null, name: 'b' }]);
    expect(() => last(holes, 'v')).toThrow(/data\/t.csv:3: Column "v"/);
  });

  it('fails on a misspelt column with suggestions, also inside a row test', () => {
    expect(() => last(series, 'value')).toThrow(/No column "value" in t.csv\. Did you mean "v"\?|No column "value" in t.csv/);
    expect(() => share(series, (r) => (r.nmae as string) === 'a')).toThrow(/No column "nmae" in t.csv\. Did you mean "name"\?/);
  });

  it('fails on a lookup that does not match exactly one row', () => {
    expect(() => lookup(series, 'v', () => true)).toThrow(/matches 5 rows/);
  });

  it('records the file and columns each computation reads', () => {
    const { sources } = trackReads(() => pctChange(series, 'v', '2026-01-01') + share(series, (r) => r.name === 'a'));
    expect(sources).toEqual([{ file: 't.csv', columns: ['date', 'name', 'v'], latest: false }]);
  });
});
