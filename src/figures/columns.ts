import type { CalendarDate } from '../data/calendar-date.ts';
import type { Dataset } from './dataset.ts';

// Whole-column reads for helpers that walk every row: the column is checked and recorded once,
// not once per cell as Dataset.number does, which made a drawdown over a million rows take seconds.

/** Every value of a number column; a missing or non-numeric cell fails as `Dataset.number` does, with its line. */
export function numbers(ds: Dataset, column: string): number[] {
  ds.check(column);
  const rows = ds.table.rows;
  const out = new Array<number>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i]![column];
    out[i] = typeof v === 'number' && Number.isFinite(v) ? v : ds.number(i, column);
  }
  return out;
}

/** The date of every row of a time series. */
export function dates(ds: Dataset): CalendarDate[] {
  const col = ds.check(ds.dateColumn);
  return ds.table.rows.map((r) => r[col] as CalendarDate);
}
