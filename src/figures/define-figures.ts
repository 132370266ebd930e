import type { CalendarDate } from '../data/calendar-date.ts';
import type { Row } from '../data/column-types.ts';
import type { SqlRow } from '../data/sql/rows.ts';
import type { TableRef } from '../data/sql/views.ts';
import type { Dataset } from './dataset.ts';
import type { FormatInput } from './format.ts';

/** What a figures module gets: the data, already cut at its asOf. */
export interface FiguresContext {
  /** The asOf date (YYYY-MM-DD). */
  readonly asOf: CalendarDate;
  /**
   * A table from data/, e.g. `t.data('indices.csv')`, with rows up to the asOf: the
   * dataset the helpers take. It reads a CSV, TSV, JSON, NDJSON or YAML file whole, up to 100 MB;
   * a Parquet file, or a larger one, is read only by `t.sql`.
   * Pass `{ latest: true }` to read every row instead; the figure's provenance says so.
   */
  data(file: string, options?: { latest?: boolean }): Dataset;
  /** A JSON or YAML document from data/ as parsed, for data that is not a table. */
  doc(file: string): unknown;
  /**
   * A data file as a table of a `t.sql` query: `${t.table('prices.csv')}` is a view with the
   * column types of data/manifest.yaml, cut at the asOf (`{ latest: true }` opts out).
   */
  table(file: string, options?: { latest?: boolean }): TableRef;
  /**
   * Runs one SELECT with DuckDB and gives its rows as plain records (numbers, text, booleans,
   * dates as YYYY-MM-DD, null):
   * `await t.sql\`select max(close) as peak from ${t.table('prices.csv')} where symbol = ${symbol}\``.
   * Tables come only from t.table(); every other interpolated value is a bound parameter (a date
   * as a 'YYYY-MM-DD' string). The files and columns the query reads are the figure's provenance.
   * The rows are plain records, not a dataset: compute per group in the query, as the helpers
   * cannot take them.
   */
  sql(strings: TemplateStringsArray, ...values: unknown[]): Promise<SqlRow[]>;
}

/** One named figure. */
export interface FigureDef {
  /** Computes the value from data (may be async, for t.sql). Reads inside this function are the figure's provenance. */
  value: () => number | string | Promise<number | string>;
  /** How the value is written: "percent", "+pp:2", "multiple", "currency:0", "date", … */
  format: FormatInput;
  /** One line a reader sees on hover: what the number is and how it is computed. */
  description: string;
}

export type FiguresFn = (t: FiguresContext) => Record<string, FigureDef>;
/** Named datasets that a chart spec can read with `"data": {"name": "…"}`. */
export type DatasetsFn = (t: FiguresContext) => Record<string, () => DatasetRows | Promise<DatasetRows>>;
type DatasetRows = Row[] | Record<string, unknown>[];

/** What `defineFigures` gives: the default export of a figures module. */
export interface FiguresModule {
  readonly figures: FiguresFn;
  readonly datasets: DatasetsFn | undefined;
}

/**
 * Declares an issue's figures, `defineFigures((t) => ({ … }))`, or its figures and the datasets
 * its charts read by name (`"data": {"name": "yearly"}`), `defineFigures({ figures, datasets })`.
 * A row's cells are typed `Cell` (number, text, date, boolean or null): say which one a
 * comparison expects (`r.close as number`).
 *
 * @example
 * ```ts
 * export default defineFigures({
 *   figures: (t) => ({
 *     streak: {
 *       value: () => streak(t.data('indices.csv'), (r) => (r.small_ret as number) > (r.large_ret as number)),
 *       format: 'integer',
 *       description: 'Sessions in a row in which small caps beat large caps',
 *     },
 *     peak: {
 *       value: async () => {
 *         const [r] = await t.sql`select max(close) as peak from ${t.table('closes.parquet')}`;
 *         return r!.peak as number;
 *       },
 *       format: 'number:2',
 *       description: 'The highest close in the file',
 *     },
 *   }),
 *   datasets: (t) => ({
 *     yearly: () => t.sql`select year(date) as year, median(close) as close from ${t.table('closes.parquet')} group by year order by year`,
 *   }),
 * });
 * ```
 */
export function defineFigures(def: FiguresFn | { figures: FiguresFn; datasets?: DatasetsFn }): FiguresModule {
  return typeof def === 'function' ? { figures: def, datasets: undefined } : { figures: def.figures, datasets: def.datasets };
}

export function isFiguresModule(m: unknown): m is FiguresModule {
  return typeof m === 'object' && m !== null && typeof (m as FiguresModule).figures === 'function';
}
