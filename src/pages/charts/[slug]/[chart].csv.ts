/**
 * /charts/<issue>/<spec name>.csv: every row behind a chart, cut at the asOf, as CSV.
 * A chart's data table shows a long table's first and last rows only (src/charts/data-table.ts)
 * and links here for the rest (Chart.astro).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { prepareChart } from '../../../charts/build-chart.ts';
import { tableCsv } from '../../../charts/data-table.ts';
import { chartInputOf, chartPaths, type ChartRouteProps } from '../_chart-paths.ts';

export const getStaticPaths = (() => chartPaths()) satisfies GetStaticPaths;

export const GET: APIRoute<ChartRouteProps> = async ({ props }) => {
  const { bound } = prepareChart(await chartInputOf(props));
  return new Response(tableCsv(bound.primary?.rows ?? []), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
