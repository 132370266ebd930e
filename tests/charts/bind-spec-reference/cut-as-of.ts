import type { CalendarDate } from '../../../src/data/calendar-date.ts';
import type { Table } from '../../../src/data/column-types.ts';

/**
 * Keeps the rows dated on or before `asOf`. Appending later rows to a file therefore changes
 * nothing in an issue already out. A table without a date column is not a time series and is
 * returned as is.
 */
export function cutAsOf(table: Table, asOf: CalendarDate): Table {
  const col = table.dateColumn;
  if (!col) return table;
  let n = table.rows.length;
  while (n > 0 && String(table.rows[n - 1]![col]) > asOf) n--;
  if (n === table.rows.length) return table;
  return { ...table, rows: table.rows.slice(0, n), lines: table.lines.slice(0, n) };
}
