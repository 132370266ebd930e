import type { CalendarDate } from '../data/calendar-date.ts';
import type { Row } from '../data/column-types.ts';
import type { Dataset } from './dataset.ts';
import type { FormatInput } from './format.ts';

/** What a figures module gets: the data, already cut at its asOf. */
export interface FiguresContext {
  /** The asOf date (YYYY-MM-DD). */
  readonly asOf: CalendarDate;
  /**
   * A table from data/, e.g. `t.data('indices.csv')`, with rows up to the asOf.
   * Pass `{ latest: true }` to read every row instead; the figure's provenance says so.
   */
  data(file: string, options?: { latest?: boolean }): Dataset;
  /** A JSON or YAML document from data/ as parsed, for data that is not a table. */
  doc(file: string): unknown;
}

/** One named figure. */
export interface FigureDef {
  /** Computes the value from data. Reads inside this function are the figure's provenance. */
  value: () => number | string;
  /** How the value is written: "percent", "+pp:2", "multiple", "currency:0", "date", … */
  format: FormatInput;
  /** One line a reader sees on hover: what the number is and how it is computed. */
  description: string;
}

export type FiguresFn = (t: FiguresContext) => Record<string, FigureDef>;
/** Named datasets that a chart spec can read with `"data": {"name": "…"}`. */
export type DatasetsFn = (t: FiguresContext) => Record<string, () => Row[] | Record<string, unknown>[]>;

export interface FiguresModule {
  readonly figures: FiguresFn;
  readonly datasets: DatasetsFn | undefined;
}

/**
 * Declares an issue's figures (and, optionally, datasets for its charts):
 *
 * ```ts
 * export default defineFigures((t) => ({
 *   streak: {
 *     value: () => streak(t.data('indices.csv'), (r) => r.small_ret > r.large_ret),
 *     format: 'integer',
 *     description: 'Sessions in a row in which small caps beat large caps',
 *   },
 * }));
 * ```
 */
export function defineFigures(def: FiguresFn | { figures: FiguresFn; datasets?: DatasetsFn }): FiguresModule {
  return typeof def === 'function' ? { figures: def, datasets: undefined } : { figures: def.figures, datasets: def.datasets };
}

export function isFiguresModule(m: unknown): m is FiguresModule {
  return typeof m === 'object' && m !== null && typeof (m as FiguresModule).figures === 'function';
}
