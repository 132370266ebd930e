import { describe, expect, it } from 'vitest';
import { group } from '../../src/figures/groups.ts';
import { rebase, rollingMean } from '../../src/figures/series.ts';
import { trackReads } from '../../src/figures/track-reads.ts';
import { longTable, prices } from './long-table.ts';

const aapl = () => group(prices(), 'symbol', 'AAPL'); // 100, 110, 90, 95, 120 from 2025-12-31 to 2026-01-07

describe('rebase', () => {
  it('sets the first value (or the value on a date) to 100, from that row on', () => {
    expect(rebase(aapl(), 'close')).toEqual([
      { date: '2025-12-31', value: 100 },
      { date: '2026-01-02', value: expect.closeTo(110, 12) },
      { date: '2026-01-05', value: expect.closeTo(90, 12) },
      { date: '2026-01-06', value: expect.closeTo(95, 12) },
      { date: '2026-01-07', value: expect.closeTo(120, 12) },
    ]);
    expect(rebase(aapl(), 'close', '2026-01-02').map((p) => p.value)).toEqual([100, expect.closeTo(81.8181818, 6), expect.closeTo(86.3636364, 6), expect.closeTo(109.0909091, 6)]);
    expect(rebase(group(prices(), 'symbol', 'NVDA'), 'close', undefined, 1).map((p) => p.value)).toEqual([1, 1.05, 1.1, 1.15, 1.2].map((v) => expect.closeTo(v, 12)));
  });

  it('fails on a base date with no row, naming the group and the nearest dates', () => {
    expect(() => rebase(aapl(), 'close', '2026-01-03')).toThrow('prices.csv (symbol = AAPL) has no row dated 2026-01-03 (nearest: 2026-01-02, 2026-01-05).');
  });

  it('fails on a base of zero with the row\'s line', () => {
    const ds = longTable([{ symbol: 'X', date: '2026-01-02', close: 0 }, { symbol: 'X', date: '2026-01-05', close: 1 }]);
    expect(() => rebase(ds, 'close')).toThrow(/^data\/prices\.csv:2: Figure "rebase\(close\)" starts from 0 on 2026-01-02/);
  });

  it('records the file and columns it reads', () => {
    expect(trackReads(() => rebase(aapl(), 'close')).sources).toEqual([{ file: 'prices.csv', columns: ['close', 'date', 'symbol'], latest: false }]);
  });
});

describe('rollingMean', () => {
  it('averages the last n rows at each row, from the n-th row on', () => {
    expect(rollingMean(aapl(), 'close', 2)).toEqual([
      { date: '2026-01-02', value: 105 },
      { date: '2026-01-05', value: 100 },
      { date: '2026-01-06', value: 92.5 },
      { date: '2026-01-07', value: 107.5 },
    ]);
    expect(rollingMean(aapl(), 'close', 3).map((p) => p.value)).toEqual([100, expect.closeTo(295 / 3, 12), expect.closeTo(305 / 3, 12)]);
    expect(rollingMean(aapl(), 'close', 1).map((p) => p.value)).toEqual([100, 110, 90, 95, 120]);
    expect(rollingMean(aapl(), 'close', 5)).toEqual([{ date: '2026-01-07', value: 103 }]);
  });

  it('fails when the window is longer than the rows, or not a whole number', () => {
    expect(() => rollingMean(aapl(), 'close', 6)).toThrow('rollingMean(close, 6) finds no rows in prices.csv (symbol = AAPL): it needs 6 rows and there are 5.');
    expect(() => rollingMean(aapl(), 'close', 2.5)).toThrow('needs a whole number of rows, at least 1');
  });

  it('fails on a missing value with its line, never reading it as zero', () => {
    const ds = longTable([{ symbol: 'X', date: '2026-01-02', close: 1 }, { symbol: 'X', date: '2026-01-05', close: null }]);
    expect(() => rollingMean(ds, 'close', 1)).toThrow(/^data\/prices\.csv:3: Column "close"/);
  });
});
