import type { CalendarDate } from './calendar-date.ts';
import type { Table } from './column-types.ts';

/**
 * Keeps the rows dated on or before `asOf`. Appending later rows to a file therefore changes
 * nothing in an issue already out. A table without a date column is not a time series and is
 * returned as is.
 */
export function cutAsOf(table: Table, asOf: CalendarDate): Table {
  const n = rowsAsOf(table, asOf);
  if (n === table.rows.length) return table;
  return { ...table, rows: table.rows.slice(0, n), lines: table.lines.slice(0, n) };
}

/** How many rows cutAsOf keeps (the first ones): for a caller that copies them anyway, with no cut table made first. */
export function rowsAsOf(table: Table, asOf: CalendarDate): number {
  const col = table.dateColumn;
  let n = table.rows.length;
  if (!col) return n;
  while (n > 0 && String(table.rows[n - 1]![col]) > asOf) n--;
  return n;
}
