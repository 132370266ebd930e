import type { CalendarDate } from '../data/calendar-date.ts';
import { isCalendarDate } from '../data/calendar-date.ts';
import type { Row } from '../data/column-types.ts';
import { fail } from '../core/errors.ts';
import { numbers } from './columns.ts';
import type { Dataset } from './dataset.ts';
import { describeRows } from './subset.ts';

/** Pure helpers for figures modules: a dataset in, a value out. Dates are YYYY-MM-DD. */

/** A condition on a row; like an array callback it also gets the row's index and all rows. */
export type RowTest = (row: Row, index: number, rows: readonly Row[]) => boolean;

/**
 * The value of `column` in the last row (the last on or before the asOf).
 *
 * @example
 * ```ts
 * last(t.data('fed-funds.csv'), 'upper'); // the top of the range at the asOf
 * ```
 */
export function last(ds: Dataset, column: string): number {
  return ds.number(lastIndex(ds), column);
}

/**
 * The date of the last row.
 *
 * @example
 * ```ts
 * lastDate(t.data('fed-funds.csv')); // the latest decision, a 'YYYY-MM-DD' string
 * ```
 */
export function lastDate(ds: Dataset): CalendarDate {
  return ds.date(lastIndex(ds));
}

/**
 * The value of `column` on `date`; fails naming the nearest dates when there is no such row.
 *
 * @example
 * ```ts
 * valueAt(t.data('indices.csv'), 'sp500', '2025-12-31');
 * ```
 */
export function valueAt(ds: Dataset, column: string, date: string): number {
  return ds.number(indexAt(ds, date), column);
}

/**
 * Relative change of `column` from `from` to `to` (default: the last row), as a ratio: 0.081 is +8.1%.
 *
 * @example
 * ```ts
 * pctChange(t.data('indices.csv'), 'russell2000', '2025-12-31'); // the year to date
 * ```
 */
export function pctChange(ds: Dataset, column: string, from: string, to?: string): number {
  const a = valueAt(ds, column, from);
  const b = to === undefined ? last(ds, column) : valueAt(ds, column, to);
  if (a === 0) fail('BadFigureValue', ds.loc(indexAt(ds, from)), `pctChange(${column})`, `starts from 0 on ${from}, so a percent change is undefined`);
  return b / a - 1;
}

/**
 * Difference of `column` from `from` to `to` (default: the last row), in the column's unit (e.g. points).
 *
 * @example
 * ```ts
 * pointChange(t.data('fed-funds.csv'), 'upper', '2025-10-29') / 100; // -0.0025, written "−25 bp" by format '+bp'
 * ```
 */
export function pointChange(ds: Dataset, column: string, from: string, to?: string): number {
  const a = valueAt(ds, column, from);
  const b = to === undefined ? last(ds, column) : valueAt(ds, column, to);
  return b - a;
}

/**
 * Consecutive rows, ending at the last row (or at `endingAt`), for which `test` holds.
 *
 * @example
 * ```ts
 * streak(t.data('fed-funds.csv'), (r, i, rows) => i > 0 && (r.upper as number) < (rows[i - 1]!.upper as number)); // cuts in a row
 * ```
 */
export function streak(ds: Dataset, test: RowTest, endingAt?: string): number {
  const rows = ds.rows();
  let i = endingAt === undefined ? rows.length - 1 : indexAt(ds, endingAt);
  let n = 0;
  while (i >= 0 && test(rows[i]!, i, rows)) {
    n++;
    i--;
  }
  return n;
}

/**
 * The longest run of consecutive rows for which `test` holds, with the date it ended.
 *
 * @example
 * ```ts
 * longestStreak(t.data('indices.csv'), (r) => (r.sp500 as number) > 6000); // { length, end }
 * ```
 */
export function longestStreak(ds: Dataset, test: RowTest): { length: number; end: CalendarDate | undefined } {
  const rows = ds.rows();
  let best = 0;
  let end: CalendarDate | undefined;
  let run = 0;
  rows.forEach((row, i) => {
    run = test(row, i, rows) ? run + 1 : 0;
    if (run > best) {
      best = run;
      end = ds.table.dateColumn ? ds.date(i) : undefined;
    }
  });
  return { length: best, end };
}

/**
 * The share of rows for which `test` holds, as a ratio (0.65 is 65%).
 *
 * @example
 * ```ts
 * share(t.data('stocks.csv'), (r) => (r.ytd_change as number) > 0); // e.g. 0.65, written "65%" by format 'percent:0'
 * ```
 */
export function share(ds: Dataset, test: RowTest): number {
  const rows = ds.rows();
  if (rows.length === 0) fail('BadFigureValue', ds.loc(), `share over ${describeRows(ds)}`, 'has no rows to count');
  return rows.filter(test).length / rows.length;
}

/**
 * How many rows `test` holds for (all rows without a test).
 *
 * @example
 * ```ts
 * count(t.data('indices.csv'), (r) => String(r.date) > '2025-12-31'); // sessions this year
 * ```
 */
export function count(ds: Dataset, test?: (row: Row) => boolean): number {
  const rows = ds.rows();
  return test ? rows.filter(test).length : rows.length;
}

/**
 * The rank (1 = highest with the default `descending` order) of one row's `column` among all
 * rows. `at` picks the row: a date, or a predicate such as `(r) => r.ticker === 'AAPL'`;
 * the default is the last row.
 *
 * @example
 * ```ts
 * rank(t.data('stocks.csv'), 'ytd_change', (r) => r.ticker === 'HBAN'); // 1 if HBAN moved the most
 * ```
 */
export function rank(ds: Dataset, column: string, at?: string | RowTest, order: 'descending' | 'ascending' = 'descending'): number {
  const i = at === undefined ? lastIndex(ds) : typeof at === 'string' ? indexAt(ds, at) : findIndex(ds, at);
  const v = ds.number(i, column);
  const values = numbers(ds, column);
  return 1 + values.filter((x) => (order === 'descending' ? x > v : x < v)).length;
}

/**
 * The largest value of `column` and the date (for a time series) of its first occurrence.
 *
 * @example
 * ```ts
 * max(t.data('indices.csv'), 'sp500'); // { value, date } of the highest close
 * ```
 */
export function max(ds: Dataset, column: string): { value: number; date: CalendarDate | undefined } {
  return extreme(ds, column, (a, b) => a > b);
}

/**
 * The smallest value of `column` and the date (for a time series) of its first occurrence.
 *
 * @example
 * ```ts
 * min(t.data('indices.csv'), 'sp500').date; // the date of the low
 * ```
 */
export function min(ds: Dataset, column: string): { value: number; date: CalendarDate | undefined } {
  return extreme(ds, column, (a, b) => a < b);
}

/**
 * The value of `column` in the one row where `test` holds, e.g. a stock's move by ticker.
 *
 * @example
 * ```ts
 * lookup(t.data('stocks.csv'), 'ytd_change', (r) => r.ticker === 'HBAN');
 * ```
 */
export function lookup(ds: Dataset, column: string, test: RowTest): number {
  return ds.number(findIndex(ds, test), column);
}

/**
 * The text of `column` in the one row where `test` holds, e.g. a company's name.
 *
 * @example
 * ```ts
 * lookupText(t.data('stocks.csv'), 'name', (r) => r.ticker === 'HBAN'); // the company's name
 * ```
 */
export function lookupText(ds: Dataset, column: string, test: RowTest): string {
  const v = ds.cell(findIndex(ds, test), column);
  if (v === null) fail('BadFigureValue', ds.loc(), `lookupText(${column})`, 'finds an empty cell');
  return String(v);
}

function extreme(ds: Dataset, column: string, better: (a: number, b: number) => boolean) {
  if (ds.length === 0) fail('BadFigureValue', ds.loc(), `min/max of ${column}`, `has no rows in ${describeRows(ds)}`);
  const values = numbers(ds, column);
  let best = 0;
  for (let i = 1; i < values.length; i++) if (better(values[i]!, values[best]!)) best = i;
  return { value: values[best]!, date: ds.table.dateColumn ? ds.date(best) : undefined };
}

function lastIndex(ds: Dataset): number {
  if (ds.length === 0) fail('BadFigureValue', ds.loc(), `reading ${describeRows(ds)}`, 'finds no rows on or before the issue\'s asOf');
  return ds.table.rows.length - 1;
}

function indexAt(ds: Dataset, date: string): number {
  // A date in the data's own format ("Jan 3 2000", "31/12/2025") would only find no row, and the
  // nearest dates would be named as if it were a real one.
  if (!isCalendarDate(date)) fail('BadDateArgument', ds.loc(), `The date asked of ${describeRows(ds)}`, String(date));
  const i = ds.indexOfDate(date);
  if (i < 0) {
    const dates = ds.table.rows.map((r) => String(r[ds.dateColumn]));
    const nearest = dates.filter((d) => d < date).slice(-1).concat(dates.filter((d) => d > date).slice(0, 1));
    fail('MissingDate', ds.loc(), describeRows(ds), date, nearest);
  }
  return i;
}

function findIndex(ds: Dataset, test: RowTest): number {
  const rows = ds.rows();
  const hits = rows.flatMap((r, i) => (test(r, i, rows) ? [i] : []));
  if (hits.length !== 1) fail('BadFigureValue', ds.loc(), `lookup in ${describeRows(ds)}`, `matches ${hits.length} rows; it must match exactly one`);
  return hits[0]!;
}
