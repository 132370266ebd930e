import { describe, expect, it } from 'vitest';
import { TallyError } from '../../src/core/errors.ts';
import { group, groupBy, pctChangeBy, perGroup, pointChangeBy } from '../../src/figures/groups.ts';
import { last, lastDate, pctChange, valueAt } from '../../src/figures/helpers.ts';
import { trackReads } from '../../src/figures/track-reads.ts';
import { longTable, prices } from './long-table.ts';

describe('group', () => {
  it('keeps one group\'s rows, so the table helpers work on it', () => {
    const aapl = group(prices(), 'symbol', 'AAPL');
    expect(aapl.length).toBe(5);
    expect(last(aapl, 'close')).toBe(120);
    expect(valueAt(aapl, 'close', '2026-01-05')).toBe(90);
    expect(pctChange(aapl, 'close', '2025-12-31')).toBeCloseTo(0.2, 12);
    expect(lastDate(group(prices(), 'symbol', 'MSFT'))).toBe('2026-01-07');
  });

  it('keeps the rows\' source lines, so a bad cell in a group names its line', () => {
    const ds = longTable([
      { symbol: 'AAPL', date: '2026-01-02', close: 1 },
      { symbol: 'MSFT', date: '2026-01-02', close: 2 },
      { symbol: 'MSFT', date: '2026-01-05', close: null },
    ]);
    expect(() => last(group(ds, 'symbol', 'MSFT'), 'close')).toThrow(/^data\/prices\.csv:4: Column "close" is declared number, but the cell is empty/);
  });

  it('fails on a group no row has, with the closest names', () => {
    const err = catchError(() => group(prices(), 'symbol', 'APPL'));
    expect(err.code).toBe('UnknownGroup');
    expect(err.message).toBe('data/prices.csv: No symbol "APPL" in prices.csv. Did you mean "AAPL"?');
    expect(err.hint).toBe('The symbol values in prices.csv: AAPL, MSFT, NVDA.');
  });

  it('fails on a misspelt key column with the closest column', () => {
    expect(() => group(prices(), 'symbl', 'AAPL')).toThrow('No column "symbl" in prices.csv. Did you mean "symbol"?');
  });

  it('fails on a row with no key, naming its line', () => {
    const ds = longTable([{ symbol: 'AAPL', date: '2026-01-02', close: 1 }, { symbol: null, date: '2026-01-02', close: 2 }]);
    expect(() => group(ds, 'symbol', 'AAPL')).toThrow(/^data\/prices\.csv:3: Column "symbol" is declared string, but the cell is empty/);
  });

  it('names the group when one has no row at a date', () => {
    const ds = longTable(prices().table.rows.filter((r) => !(r.symbol === 'MSFT' && r.date === '2026-01-02')));
    const err = catchError(() => pctChangeBy(ds, 'symbol', 'close', '2026-01-02'));
    expect(err.code).toBe('MissingDate');
    expect(err.message).toBe('data/prices.csv: prices.csv (symbol = MSFT) has no row dated 2026-01-02 (nearest: 2025-12-31, 2026-01-05).');
  });
});

describe('groupBy and perGroup', () => {
  it('split a long table by its key, in order of first appearance', () => {
    const groups = groupBy(prices(), 'symbol');
    expect([...groups.keys()]).toEqual(['AAPL', 'MSFT', 'NVDA']);
    expect([...groups.values()].map((g) => g.length)).toEqual([5, 5, 5]);
    expect(perGroup(prices(), 'symbol', (rows) => last(rows, 'close'))).toEqual([
      { group: 'AAPL', value: 120 },
      { group: 'MSFT', value: 55 },
      { group: 'NVDA', value: 24 },
    ]);
  });

  it('fails on a table with no rows at the asOf', () => {
    expect(() => groupBy(longTable([]), 'symbol')).toThrow("groupBy(symbol) finds no rows in prices.csv: none on or before the issue's asOf.");
  });
});

describe('pctChangeBy and pointChangeBy', () => {
  it('give each group\'s change between two dates', () => {
    const ytd = pctChangeBy(prices(), 'symbol', 'close', '2025-12-31');
    expect(ytd.map((g) => g.group)).toEqual(['AAPL', 'MSFT', 'NVDA']);
    expect(ytd.map((g) => g.value)).toEqual([expect.closeTo(0.2, 12), expect.closeTo(0.1, 12), expect.closeTo(0.2, 12)]);
    const week = pctChangeBy(prices(), 'symbol', 'close', '2026-01-02', '2026-01-06');
    expect(week.map((g) => g.value)).toEqual([expect.closeTo(95 / 110 - 1, 12), expect.closeTo(60 / 45 - 1, 12), expect.closeTo(23 / 21 - 1, 12)]);
    expect(pointChangeBy(prices(), 'symbol', 'close', '2025-12-31')).toEqual([
      { group: 'AAPL', value: 20 },
      { group: 'MSFT', value: 5 },
      { group: 'NVDA', value: 4 },
    ]);
  });
});

describe('provenance through groups', () => {
  it('records the source file and the columns read, also for a group', () => {
    const { sources } = trackReads(() => pctChange(group(prices(), 'symbol', 'AAPL'), 'close', '2025-12-31'));
    expect(sources).toEqual([{ file: 'prices.csv', columns: ['close', 'date', 'symbol'], latest: false }]);
  });

  it('keeps a latest-rows read marked as such', () => {
    const { sources } = trackReads(() => perGroup(longTable([...prices().table.rows], { latest: true }), 'symbol', (rows) => last(rows, 'close')));
    expect(sources).toEqual([{ file: 'prices.csv', columns: ['close', 'symbol'], latest: true }]);
  });

  it('records a column read inside a row test on a group', () => {
    const { sources } = trackReads(() => group(prices(), 'symbol', 'NVDA').rows().filter((r) => (r.close as number) > 21).length);
    expect(sources).toEqual([{ file: 'prices.csv', columns: ['close', 'symbol'], latest: false }]);
  });
});

function catchError(fn: () => unknown): TallyError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TallyError) return e;
    throw e;
  }
  throw new Error('expected a TallyError');
}
