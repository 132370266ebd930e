import { fail } from '../core/errors.ts';
import type { CalendarDate } from '../data/calendar-date.ts';
import { isCalendarDate } from '../data/calendar-date.ts';
import type { Dataset } from './dataset.ts';
import { lastDate, max, min } from './helpers.ts';
import { describeRows, Subset } from './subset.ts';

/**
 * The rows dated from `from` to `to` (default: the last row), both included. The result is a
 * dataset of the same file, so `max`, `pctChange`, `drawdown`… work on the window alone.
 *
 * @example
 * ```ts
 * const y2025 = between(t.data('prices.csv'), '2025-01-01', '2025-12-31');
 * ```
 */
export function between(ds: Dataset, from: string, to?: string): Dataset {
  const what = `between("${from}"${to === undefined ? '' : `, "${to}"`})`;
  checkDate(what, from);
  if (to !== undefined) checkDate(what, to);
  const col = ds.check(ds.dateColumn);
  const end = to ?? lastDate(ds);
  const keep = ds.table.rows.flatMap((r, i) => (String(r[col]) >= from && String(r[col]) <= end ? [i] : []));
  if (keep.length === 0) fail('NoRows', ds.loc(), what, describeRows(ds), from > end ? `the window ends (${end}) before it starts (${from})` : `none dated from ${from} to ${end}`);
  return new Subset(ds, keep, `${from} to ${end}`);
}

/**
 * The rows of the `days` calendar days that end at the last row (or at `endingAt`): dated after
 * the end minus `days`, up to the end. `trailing(rows, 364)` is the last 52 weeks.
 *
 * @example
 * ```ts
 * const nvda = group(t.data('prices.csv'), 'symbol', 'NVDA');
 * const high = max(trailing(nvda, 364), 'close'); // the 52-week high, with its date
 * 1 - last(nvda, 'close') / high.value;          // how far below it the stock is
 * ```
 */
export function trailing(ds: Dataset, days: number, endingAt?: string): Dataset {
  const what = `trailing(${days}${endingAt === undefined ? '' : `, "${endingAt}"`})`;
  if (!Number.isInteger(days) || days < 1) fail('BadFigureValue', ds.loc(), what, 'needs a whole number of days, at least 1');
  if (endingAt !== undefined) checkDate(what, endingAt);
  const end = endingAt ?? lastDate(ds);
  return between(ds, addDays(end as CalendarDate, 1 - days), end);
}

/**
 * The largest value of `column` from `from` to `to` (default: the last row), with the date of
 * its first occurrence.
 *
 * @example
 * ```ts
 * windowMax(t.data('indices.csv'), 'sp500', '2025-01-01', '2025-12-31'); // { value, date }: the high of 2025
 * ```
 */
export function windowMax(ds: Dataset, column: string, from: string, to?: string): { value: number; date: CalendarDate } {
  const { value, date } = max(between(ds, from, to), column);
  return { value, date: date! };
}

/**
 * The smallest value of `column` from `from` to `to` (default: the last row), with the date of
 * its first occurrence.
 *
 * @example
 * ```ts
 * windowMin(t.data('indices.csv'), 'sp500', '2025-01-01', '2025-12-31'); // { value, date }: the low of 2025
 * ```
 */
export function windowMin(ds: Dataset, column: string, from: string, to?: string): { value: number; date: CalendarDate } {
  const { value, date } = min(between(ds, from, to), column);
  return { value, date: date! };
}

/** `date` moved by `days` calendar days (negative: earlier). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10) as CalendarDate;
}

export function checkDate(what: string, value: string): void {
  if (!isCalendarDate(value)) fail('BadDateArgument', undefined, what, String(value));
}
