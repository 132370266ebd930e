/**
 * /charts/<issue>/<spec name>.json under `astro dev`: what the optional interactive layer
 * (src/client/) draws a chart from. The chart's Vega-Lite spec, with every row cut at the
 * issue's asOf (the static SVG drew long series sampled to their width), compiled to Vega's
 * parsed dataflow in each layout (src/charts/interactive-spec.ts), so the browser loads Vega's
 * runtime and tooltips only. The page carries only this address, in the figure's
 * data-chart-spec, so the file costs nothing until a reader reaches the chart. The spec is
 * looked up when it is asked for, so the dev server serves the current data after an edit. A
 * build publishes the same bytes without this route (src/build/chart-files.ts).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { chartJsonBody } from '../../../build/chart-files.ts';
import { chartInputOf, chartPaths, type ChartRouteProps } from '../_chart-paths.ts';

export const getStaticPaths = (() => chartPaths()) satisfies GetStaticPaths;

export const GET: APIRoute<ChartRouteProps> = async ({ props }) =>
  new Response(await chartJsonBody(await chartInputOf(props)), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
