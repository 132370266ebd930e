/**
 * /charts/<issue>/<spec name>.csv: every row behind a chart, cut at the asOf, as CSV.
 * A chart's data table shows a long table's first and last rows only (src/charts/data-table.ts)
 * and links here for the rest (Chart.astro). The chart cache keeps the CSV beside the chart,
 * written when its data was bound; the chart is bound again here only when the cache has none.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { chartArtifacts } from '../../../build/chart-renderer.ts';
import { prepareChart } from '../../../charts/build-chart.ts';
import { tableCsv } from '../../../charts/data-table.ts';
import { chartInputOf, chartPaths, type ChartRouteProps } from '../_chart-paths.ts';

export const getStaticPaths = (() => chartPaths()) satisfies GetStaticPaths;

export const GET: APIRoute<ChartRouteProps> = async ({ props }) => {
  const input = await chartInputOf(props);
  const store = chartArtifacts();
  const key = store.keyOf(input);
  let csv = key ? store.csv(key) : undefined;
  if (!csv && key && !store.specJson(key)) csv = (await store.get(input), store.csv(key));
  const body = csv ?? tableCsv(prepareChart(input).bound.primary?.rows ?? []);
  return new Response(body, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
