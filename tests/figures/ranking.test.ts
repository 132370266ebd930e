import { describe, expect, it } from 'vitest';
import { pctChangeBy } from '../../src/figures/groups.ts';
import { pctChange } from '../../src/figures/helpers.ts';
import { breadth, groupRank, rankGroups } from '../../src/figures/ranking.ts';
import { trackReads } from '../../src/figures/track-reads.ts';
import { longTable, prices } from './long-table.ts';

const moves = [
  { group: 'AAPL', value: 0.2 },
  { group: 'MSFT', value: 0.1 },
  { group: 'NVDA', value: 0.3 },
  { group: 'AMZN', value: 0.1 },
];

describe('rankGroups and groupRank', () => {
  it('rank highest first, equal values sharing a rank', () => {
    expect(rankGroups(moves)).toEqual([
      { group: 'NVDA', value: 0.3, rank: 1 },
      { group: 'AAPL', value: 0.2, rank: 2 },
      { group: 'MSFT', value: 0.1, rank: 3 },
      { group: 'AMZN', value: 0.1, rank: 3 },
    ]);
    expect(rankGroups(moves, 'ascending').map((g) => [g.group, g.rank])).toEqual([['MSFT', 1], ['AMZN', 1], ['AAPL', 3], ['NVDA', 4]]);
    expect(groupRank(moves, 'AAPL')).toBe(2);
    expect(groupRank(moves, 'AAPL', 'ascending')).toBe(3);
  });

  it('rank the groups of a long table by their change', () => {
    const week = pctChangeBy(prices(), 'symbol', 'close', '2026-01-02', '2026-01-06');
    // AAPL 95/110 − 1, MSFT 60/45 − 1, NVDA 23/21 − 1
    expect(rankGroups(week).map((g) => g.group)).toEqual(['MSFT', 'NVDA', 'AAPL']);
    expect(groupRank(week, 'NVDA')).toBe(2);
  });

  it('fail on an unknown group with the closest names', () => {
    expect(() => groupRank(moves, 'NVDIA')).toThrow('No group "NVDIA" in the 4 groups ranked. Did you mean "NVDA"?');
  });

  it('fail on a value that is not a finite number', () => {
    expect(() => rankGroups([{ group: 'AAPL', value: Number.NaN }])).toThrow('Figure "rankGroups" is given NaN for the group "AAPL"; every group needs a finite number.');
  });
});

describe('breadth', () => {
  it('is the share of groups meeting a condition', () => {
    // Year to date: AAPL +20%, MSFT +10%, NVDA +20%.
    expect(breadth(prices(), 'symbol', (rows) => pctChange(rows, 'close', '2025-12-31') > 0.15)).toBeCloseTo(2 / 3, 12);
    expect(breadth(prices(), 'symbol', (_rows, symbol) => symbol === 'MSFT')).toBeCloseTo(1 / 3, 12);
    expect(breadth(prices(), 'symbol', () => false)).toBe(0);
  });

  it('records what the condition reads', () => {
    const { sources } = trackReads(() => breadth(prices(), 'symbol', (rows) => pctChange(rows, 'close', '2025-12-31') > 0));
    expect(sources).toEqual([{ file: 'prices.csv', columns: ['close', 'date', 'symbol'], latest: false }]);
  });

  it('fails with no groups to count', () => {
    expect(() => breadth(longTable([]), 'symbol', () => true)).toThrow('groupBy(symbol) finds no rows in prices.csv');
  });
});
