/**
 * /charts/<issue>/<spec name>.csv under `astro dev`: every row behind a chart, cut at the
 * issue's asOf, as CSV. A chart's data table shows a long table's first and last rows only
 * (src/charts/data-table.ts) and links here for the rest (Chart.astro). A build publishes the
 * same bytes without this route (src/build/chart-files.ts).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { chartCsvBody } from '../../../build/chart-files.ts';
import { chartInputOf, chartPaths, type ChartRouteProps } from '../_chart-paths.ts';

export const getStaticPaths = (() => chartPaths()) satisfies GetStaticPaths;

export const GET: APIRoute<ChartRouteProps> = async ({ props }) =>
  new Response(await chartCsvBody(await chartInputOf(props)), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
