import { describe, expect, it } from 'vitest';
import { drawdown, underwater } from '../../src/figures/drawdown.ts';
import { group } from '../../src/figures/groups.ts';
import { trackReads } from '../../src/figures/track-reads.ts';
import { between } from '../../src/figures/windows.ts';
import { longTable, prices } from './long-table.ts';

const stock = (symbol: string) => group(prices(), 'symbol', symbol);

describe('drawdown', () => {
  it('finds the deepest fall from a high, with both dates and the recovery', () => {
    // AAPL: 100, 110 (peak), 90 (trough), 95, 120 (back above 110)
    expect(drawdown(stock('AAPL'), 'close')).toEqual({
      depth: expect.closeTo(90 / 110 - 1, 12),
      peak: { date: '2026-01-02', value: 110 },
      trough: { date: '2026-01-05', value: 90 },
      recovery: '2026-01-07',
    });
    // MSFT: 50 (peak), 45, 40 (trough), 60 (recovered), 55
    expect(drawdown(stock('MSFT'), 'close')).toEqual({
      depth: expect.closeTo(-0.2, 12),
      peak: { date: '2025-12-31', value: 50 },
      trough: { date: '2026-01-05', value: 40 },
      recovery: '2026-01-06',
    });
  });

  it('has no recovery while the series stays below its peak', () => {
    expect(drawdown(between(stock('AAPL'), '2025-12-31', '2026-01-06'), 'close').recovery).toBeUndefined();
  });

  it('is zero for a series that never fell', () => {
    expect(drawdown(stock('NVDA'), 'close')).toEqual({
      depth: 0,
      peak: { date: '2025-12-31', value: 20 },
      trough: { date: '2025-12-31', value: 20 },
      recovery: undefined,
    });
  });

  it('refuses a level that is not positive, naming its line', () => {
    const ds = longTable([{ symbol: 'X', date: '2026-01-02', close: 5 }, { symbol: 'X', date: '2026-01-05', close: -1 }]);
    expect(() => drawdown(ds, 'close')).toThrow(/^data\/prices\.csv:3: Figure "drawdown\(close\)" meets -1 on 2026-01-05 in prices.csv; a drawdown is measured on positive levels/);
  });

  it('records the file and columns it reads', () => {
    expect(trackReads(() => drawdown(stock('MSFT'), 'close')).sources).toEqual([{ file: 'prices.csv', columns: ['close', 'date', 'symbol'], latest: false }]);
  });
});

describe('underwater', () => {
  it('gives the distance below the running high at every row', () => {
    expect(underwater(stock('AAPL'), 'close')).toEqual([
      { date: '2025-12-31', value: 0 },
      { date: '2026-01-02', value: 0 },
      { date: '2026-01-05', value: expect.closeTo(90 / 110 - 1, 12) },
      { date: '2026-01-06', value: expect.closeTo(95 / 110 - 1, 12) },
      { date: '2026-01-07', value: 0 },
    ]);
  });
});
