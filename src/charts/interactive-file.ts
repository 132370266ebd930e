/**
 * The shape of the file the interactive layer draws a chart from (/charts/<issue>/<spec name>.json),
 * shared by the build that writes it (interactive-spec.ts, in the chart workers or the main
 * thread) and the browser that reads it (src/client/interactive-format.ts, mount-chart.ts):
 * Vega's parsed dataflow per layout, its inline tables written once beside them.
 */
export interface InteractiveChart {
  /** The inline tables of the chart (every row, cut at asOf), shared by its views. */
  data: unknown[][];
  /**
   * Vega's parsed dataflow (vega.parse) per layout ("wide", and "narrow" where the chart has it),
   * with `{"$tallyData": i}` in place of each table's rows and the theme's stand-in colours.
   */
  views: Record<string, unknown>;
}

/** Where Vega's parsed dataflow holds inline rows, and the stand-in the file holds there instead. */
export const INGEST = '$ingest';
export const TABLE_REF = '$tallyData';
