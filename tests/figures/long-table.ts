import type { Row, Table } from '../../src/data/column-types.ts';
import { Dataset } from '../../src/figures/dataset.ts';

/** A long-format table as Tally loads one: `symbol, date, close`, a row's source line beside it. */
export function longTable(rows: Row[], options: { file?: string; latest?: boolean } = {}): Dataset {
  const table: Table = {
    file: options.file ?? 'prices.csv',
    columns: { symbol: 'string', date: 'date', close: 'number' },
    rows,
    lines: rows.map((_, i) => i + 2),
    dateColumn: 'date',
  };
  return new Dataset(table, options.latest ?? false);
}

const DATES = ['2025-12-31', '2026-01-02', '2026-01-05', '2026-01-06', '2026-01-07'];
const CLOSES: Record<string, number[]> = {
  AAPL: [100, 110, 90, 95, 120],
  MSFT: [50, 45, 40, 60, 55],
  NVDA: [20, 21, 22, 23, 24],
};

/** Three stocks over five sessions, sorted by date then symbol as a download would be. */
export function prices(): Dataset {
  return longTable(DATES.flatMap((date, i) => Object.keys(CLOSES).map((symbol) => ({ symbol, date, close: CLOSES[symbol]![i]! }))));
}
