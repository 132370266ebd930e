import { fail } from '../core/errors.ts';
import type { CalendarDate } from '../data/calendar-date.ts';
import { dates, numbers } from './columns.ts';
import type { Dataset } from './dataset.ts';
import { describeRows } from './subset.ts';
import { checkDate } from './windows.ts';

/** One point of a derived time series; an array of them is a chart dataset as it stands. */
// A type, not an interface: only a type is assignable to the records a dataset returns.
export type SeriesPoint = {
  date: CalendarDate;
  value: number;
};

/**
 * `column` rebased so that its value on `from` (default: the first row) is 100 (or `base`), from
 * that row on: 112 means 12% above the level on `from`. For comparing groups on one chart.
 *
 * @example
 * ```ts
 * const prices = t.data('prices.csv');
 * const rebased = ['AAPL', 'MSFT'].flatMap((s) => rebase(group(prices, 'symbol', s), 'close', '2025-12-31').map((p) => ({ symbol: s, ...p })));
 * ```
 */
export function rebase(ds: Dataset, column: string, from?: string, base = 100): SeriesPoint[] {
  const what = `rebase(${column}${from === undefined ? '' : `, "${from}"`})`;
  if (from !== undefined) checkDate(what, from);
  const on = dates(ds);
  if (on.length === 0) fail('NoRows', ds.loc(), what, describeRows(ds), "none on or before the issue's asOf");
  const start = from === undefined ? 0 : on.indexOf(from as CalendarDate);
  if (start < 0) fail('MissingDate', ds.loc(), describeRows(ds), from!, nearest(on, from!));
  const values = numbers(ds, column);
  const level = values[start]!;
  if (level === 0) fail('BadFigureValue', ds.loc(start), what, `starts from 0 on ${on[start]}, so no other value can be expressed relative to it`);
  const out: SeriesPoint[] = [];
  for (let i = start; i < on.length; i++) out.push({ date: on[i]!, value: i === start ? base : (values[i]! / level) * base });
  return out;
}

/**
 * The mean of `column` over the last `n` rows at each row (a moving average), from the `n`-th
 * row on. Rows, not calendar days: `rollingMean(daily, 'close', 50)` is the 50-session average.
 *
 * @example
 * ```ts
 * const ma50 = rollingMean(group(t.data('prices.csv'), 'symbol', 'AAPL'), 'close', 50);
 * ma50.at(-1)!.value; // today's 50-day moving average
 * ```
 */
export function rollingMean(ds: Dataset, column: string, n: number): SeriesPoint[] {
  const what = `rollingMean(${column}, ${n})`;
  if (!Number.isInteger(n) || n < 1) fail('BadFigureValue', ds.loc(), what, 'needs a whole number of rows, at least 1');
  const length = ds.table.rows.length;
  if (length < n) fail('NoRows', ds.loc(), what, describeRows(ds), `it needs ${n} rows and there ${length === 1 ? 'is 1' : `are ${length}`}`);
  const values = numbers(ds, column);
  const on = dates(ds);
  const out: SeriesPoint[] = [];
  let sum = 0;
  for (let i = 0; i < length; i++) {
    sum += values[i]!;
    if (i >= n) sum -= values[i - n]!;
    // Every n rows the sum is taken afresh, so rounding from the running sum cannot build up.
    if (i >= n - 1 && (i + 1) % n === 0) sum = values.slice(i + 1 - n, i + 1).reduce((a, b) => a + b, 0);
    if (i >= n - 1) out.push({ date: on[i]!, value: sum / n });
  }
  return out;
}

export function nearest(dates: readonly string[], date: string): string[] {
  return dates.filter((d) => d < date).slice(-1).concat(dates.filter((d) => d > date).slice(0, 1));
}
