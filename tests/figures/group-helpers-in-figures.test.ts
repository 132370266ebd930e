import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/data/calendar-date.ts';
import { computeFigures } from '../../src/figures/compute-figures.ts';
import { defineFigures } from '../../src/figures/define-figures.ts';
import { drawdown } from '../../src/figures/drawdown.ts';
import { group, pctChangeBy } from '../../src/figures/groups.ts';
import { breadth, groupRank } from '../../src/figures/ranking.ts';
import { pctChange } from '../../src/figures/helpers.ts';
import { prices } from './long-table.ts';

const loc = { file: 'content/issues/fixture-groups/figures.ts' };
const asOf = '2026-01-07' as CalendarDate;

describe('group helpers inside a figures module', () => {
  it('give figures whose sources are the long table\'s file and columns', async () => {
    const mod = defineFigures(() => ({
      beat: { value: () => breadth(prices(), 'symbol', (rows) => pctChange(rows, 'close', '2025-12-31') > 0.15), format: 'percent:0', description: 'Share of stocks up more than 15%' },
      rank: { value: () => groupRank(pctChangeBy(prices(), 'symbol', 'close', '2025-12-31'), 'MSFT'), format: 'ordinal', description: 'Rank of MSFT this year' },
      trough: { value: () => drawdown(group(prices(), 'symbol', 'AAPL'), 'close').trough.date, format: 'date', description: 'AAPL trough' },
    }));
    const { figures } = await computeFigures(mod, asOf, loc);
    expect([...figures.values()].map((f) => f.rendered)).toEqual(['67%', '3rd', 'Jan 5, 2026']);
    for (const f of figures.values()) expect(f.sources).toEqual([{ file: 'prices.csv', columns: ['close', 'date', 'symbol'], latest: false }]);
  });

  it('fail naming the data file, the group and the figure with its module', async () => {
    const mod = defineFigures(() => ({
      ytd: { value: () => pctChange(group(prices(), 'symbol', 'APPL'), 'close', '2025-12-31'), format: 'percent', description: 'AAPL this year' },
    }));
    await expect(computeFigures(mod, asOf, loc)).rejects.toThrow(
      'data/prices.csv: No symbol "APPL" in prices.csv. Did you mean "AAPL"? (while computing figure "ytd" in content/issues/fixture-groups/figures.ts)',
    );
  });
});
