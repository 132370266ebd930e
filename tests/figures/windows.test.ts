import { describe, expect, it } from 'vitest';
import { group } from '../../src/figures/groups.ts';
import { count, max, pctChange } from '../../src/figures/helpers.ts';
import { trackReads } from '../../src/figures/track-reads.ts';
import { addDays, between, trailing, windowMax, windowMin } from '../../src/figures/windows.ts';
import { prices } from './long-table.ts';

const aapl = () => group(prices(), 'symbol', 'AAPL'); // 100, 110, 90, 95, 120 from 2025-12-31 to 2026-01-07

describe('between and trailing', () => {
  it('keep the rows of a window of dates, both ends included', () => {
    expect(between(aapl(), '2026-01-03').rows().map((r) => r.date)).toEqual(['2026-01-05', '2026-01-06', '2026-01-07']);
    expect(between(aapl(), '2026-01-02', '2026-01-05').rows().map((r) => r.close)).toEqual([110, 90]);
    expect(pctChange(between(aapl(), '2026-01-02', '2026-01-06'), 'close', '2026-01-02')).toBeCloseTo(95 / 110 - 1, 12);
    expect(count(between(prices(), '2026-01-06'))).toBe(6);
  });

  it('count trailing calendar days back from the last row or a given date', () => {
    expect(trailing(aapl(), 3).rows().map((r) => r.date)).toEqual(['2026-01-05', '2026-01-06', '2026-01-07']);
    expect(trailing(aapl(), 2).rows().map((r) => r.date)).toEqual(['2026-01-06', '2026-01-07']);
    expect(trailing(aapl(), 4, '2026-01-05').rows().map((r) => r.date)).toEqual(['2026-01-02', '2026-01-05']);
    expect(max(trailing(aapl(), 7), 'close')).toEqual({ value: 120, date: '2026-01-07' });
  });

  it('move dates by calendar days across months and leap days', () => {
    expect(addDays('2026-01-07' as never, -7)).toBe('2025-12-31');
    expect(addDays('2024-02-28' as never, 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01' as never, -365)).toBe('2023-03-02');
  });

  it('fail on an empty window, naming the group and the dates', () => {
    expect(() => between(aapl(), '2026-01-03', '2026-01-04')).toThrow(
      'data/prices.csv: between("2026-01-03", "2026-01-04") finds no rows in prices.csv (symbol = AAPL): none dated from 2026-01-03 to 2026-01-04.',
    );
    expect(() => between(aapl(), '2026-02-01', '2026-01-01')).toThrow('the window ends (2026-01-01) before it starts (2026-02-01)');
  });

  it('fail on a date that is not YYYY-MM-DD and on a bad number of days', () => {
    expect(() => between(aapl(), '2026-13-01')).toThrow('between("2026-13-01") is given "2026-13-01", which is not a calendar date written YYYY-MM-DD.');
    expect(() => between(aapl(), '1/2/2026')).toThrow('which is not a calendar date');
    expect(() => trailing(aapl(), 0)).toThrow('Figure "trailing(0)" needs a whole number of days, at least 1.');
  });

  it('keep the file\'s provenance', () => {
    const { sources } = trackReads(() => max(between(aapl(), '2026-01-05'), 'close'));
    expect(sources).toEqual([{ file: 'prices.csv', columns: ['close', 'date', 'symbol'], latest: false }]);
  });
});

describe('windowMax and windowMin', () => {
  it('give the extreme of a window with its date', () => {
    expect(windowMax(aapl(), 'close', '2025-12-31', '2026-01-06')).toEqual({ value: 110, date: '2026-01-02' });
    expect(windowMin(aapl(), 'close', '2025-12-31', '2026-01-06')).toEqual({ value: 90, date: '2026-01-05' });
    expect(windowMax(aapl(), 'close', '2026-01-03')).toEqual({ value: 120, date: '2026-01-07' });
    expect(windowMin(group(prices(), 'symbol', 'MSFT'), 'close', '2026-01-06')).toEqual({ value: 55, date: '2026-01-07' });
  });
});
