import { afterEach, describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/data/calendar-date.ts';
import { computeFigures } from '../../src/figures/compute-figures.ts';
import { defineFigures } from '../../src/figures/define-figures.ts';
import { drawdown } from '../../src/figures/drawdown.ts';
import { group, pctChangeBy } from '../../src/figures/groups.ts';
import { breadth, groupRank } from '../../src/figures/ranking.ts';
import { last, pctChange } from '../../src/figures/helpers.ts';
import { manifestEntry, tempProject } from '../helpers/data-dir.ts';
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

describe('group helpers over a data file read with t.data', () => {
  afterEach(() => {
    delete process.env.TALLY_ROOT;
  });

  // Long format, as downloaded: one row per stock and session. TSLA appears only after the asOf.
  const CSV = [
    'symbol,date,close',
    'AAPL,2025-12-31,100', 'MSFT,2025-12-31,50', 'NVDA,2025-12-31,20',
    'AAPL,2026-01-02,110', 'MSFT,2026-01-02,45', 'NVDA,2026-01-02,21',
    'AAPL,2026-01-05,90', 'MSFT,2026-01-05,40', 'NVDA,2026-01-05,25',
    'AAPL,2026-01-06,95', 'MSFT,2026-01-06,60', 'NVDA,2026-01-06,18',
    'AAPL,2026-01-07,120', 'MSFT,2026-01-07,55', 'NVDA,2026-01-07,24', 'TSLA,2026-01-07,300',
  ].join('\n');
  const project = () =>
    tempProject({ 'data/manifest.yaml': manifestEntry('prices.csv', { symbol: 'string', date: 'date', close: 'number' }), 'data/prices.csv': `${CSV}\n` });

  it('compute from the rows up to the asOf, and agree with the same query in SQL', async () => {
    project();
    const mod = defineFigures((t) => ({
      nvdaYtd: { value: () => pctChange(group(t.data('prices.csv'), 'symbol', 'NVDA'), 'close', '2025-12-31'), format: '+percent:1', description: 'NVDA since the year-end close' },
      groups: { value: () => pctChangeBy(t.data('prices.csv'), 'symbol', 'close', '2025-12-31').length, format: 'integer', description: 'Stocks in the table' },
      worst: { value: () => drawdown(group(t.data('prices.csv'), 'symbol', 'NVDA'), 'close').depth, format: 'percent:1', description: 'NVDA deepest fall' },
      worstSql: {
        value: async () => {
          const rows = await t.sql`
            with p as (select date, close, max(close) over (order by date) as high from ${t.table('prices.csv')} where symbol = ${'NVDA'})
            select min(close / high - 1) as depth from p`;
          return rows[0]!.depth as number;
        },
        format: 'percent:1',
        description: 'The same, in SQL',
      },
    }));
    const { figures } = await computeFigures(mod, '2026-01-06' as CalendarDate, loc);
    // NVDA on 2026-01-06: 18 against 20 at the year end; its high so far is 25 (2026-01-05).
    expect(figures.get('nvdaYtd')!.rendered).toBe('\u221210.0%');
    expect(figures.get('groups')!.value).toBe(3);
    expect(figures.get('worst')!.value).toBeCloseTo(18 / 25 - 1, 12);
    expect(figures.get('worst')!.value).toBeCloseTo(figures.get('worstSql')!.value as number, 12);
  });

  it('name a group that exists only after the asOf as unknown, with the values the issue sees', async () => {
    project();
    const mod = defineFigures((t) => ({
      tsla: { value: () => last(group(t.data('prices.csv'), 'symbol', 'TSLA'), 'close'), format: 'number', description: 'TSLA close' },
    }));
    const err = await computeFigures(mod, '2026-01-06' as CalendarDate, loc).then(() => undefined, (e: unknown) => e as Error & { hint?: string });
    expect(err?.message).toBe('data/prices.csv: No symbol "TSLA" in prices.csv. (while computing figure "tsla" in content/issues/fixture-groups/figures.ts)');
    expect(err?.hint).toBe('The symbol values in prices.csv: AAPL, MSFT, NVDA.');
  });
});
