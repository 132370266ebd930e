import { fail } from '../core/errors.ts';
import type { CalendarDate } from '../data/calendar-date.ts';
import { dates, numbers } from './columns.ts';
import type { Dataset } from './dataset.ts';
import type { SeriesPoint } from './series.ts';
import { describeRows } from './subset.ts';

/** The deepest fall of a series from a running peak. */
export interface Drawdown {
  /** Trough over peak, minus 1: −0.57 is a fall of 57%. 0 when the series never fell. */
  depth: number;
  /** The high before the fall (its first date). */
  peak: SeriesPoint;
  /** The low of the fall, on or after the peak. */
  trough: SeriesPoint;
  /** The first date after the trough when the value was back at the peak, if it got there. */
  recovery: CalendarDate | undefined;
}

/**
 * The maximum drawdown of `column`: the largest fall from a high to a later low, with both
 * dates and the date it recovered, if it did. Narrow the rows first with `between` or `group`.
 * Values must be positive levels (prices, index points).
 *
 * @example
 * ```ts
 * const crash = drawdown(between(t.data('sp500.csv'), '2007-01-01', '2010-12-31'), 'price');
 * crash.depth;       // e.g. -0.5: the index lost half its value
 * crash.peak.date;   // the high before the fall
 * crash.trough.date; // the low
 * crash.recovery;    // back at the high, or undefined
 * ```
 */
export function drawdown(ds: Dataset, column: string): Drawdown {
  const points = levels(ds, column, `drawdown(${column})`);
  let peak = 0;
  let best = { depth: 0, peak: 0, trough: 0 };
  points.forEach((p, i) => {
    if (p.value > points[peak]!.value) peak = i;
    const depth = p.value / points[peak]!.value - 1;
    if (depth < best.depth) best = { depth, peak, trough: i };
  });
  const top = points[best.peak]!;
  const recovery = best.depth < 0 ? points.slice(best.trough + 1).find((p) => p.value >= top.value)?.date : undefined;
  return { depth: best.depth, peak: top, trough: points[best.trough]!, recovery };
}

/**
 * The drawdown at every row: the value over its highest value so far, minus 1 (0 at a new high,
 * −0.2 when 20% below it). A chart dataset for an "underwater" chart.
 *
 * @example
 * ```ts
 * export default defineFigures({
 *   figures: () => ({}), // the figures
 *   datasets: (t) => ({ underwater: () => underwater(t.data('sp500.csv'), 'price') }),
 * });
 * ```
 */
export function underwater(ds: Dataset, column: string): SeriesPoint[] {
  let high = -Infinity;
  return levels(ds, column, `underwater(${column})`).map((p) => {
    high = Math.max(high, p.value);
    return { date: p.date, value: p.value / high - 1 };
  });
}

function levels(ds: Dataset, column: string, what: string): SeriesPoint[] {
  if (ds.table.rows.length === 0) fail('NoRows', ds.loc(), what, describeRows(ds), "none on or before the issue's asOf");
  const on = dates(ds);
  return numbers(ds, column).map((value, i) => {
    if (value <= 0) fail('BadFigureValue', ds.loc(i), what, `meets ${value} on ${on[i]} in ${describeRows(ds)}; a drawdown is measured on positive levels such as prices or index points`);
    return { date: on[i]!, value };
  });
}
