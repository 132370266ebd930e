/**
 * /charts/<issue>/<spec name>.json: what the optional interactive layer (src/client/) draws a
 * chart from. The chart's Vega-Lite spec, with every row cut at the asOf (the static SVG
 * drew long series sampled to their width), is compiled here, at build time, to Vega's parsed
 * dataflow in each layout (src/charts/interactive-spec.ts), so the browser loads
 * Vega's runtime and tooltips only. The page carries only this address, in the figure's
 * data-chart-spec, so the file costs nothing until a reader reaches the chart. The spec is
 * looked up when it is asked for, so `astro dev` serves the current data after an edit.
 *
 * The compile (tens of milliseconds a chart) is done by the chart workers when the chart is made
 * and kept in the chart cache beside the spec; this route serves those bytes. It compiles here,
 * in the build's main thread, only when the cache has no such file (charts drawn in this thread,
 * or a compile that failed in a worker, whose error this raises).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { prepareChart } from '../../../charts/build-chart.ts';
import { chartArtifacts } from '../../../build/chart-renderer.ts';
import { interactiveChartJson } from '../../../charts/interactive-spec.ts';
import { chartInputOf, chartPaths, type ChartRouteProps } from '../_chart-paths.ts';

export const getStaticPaths = (() => chartPaths()) satisfies GetStaticPaths;

export const GET: APIRoute<ChartRouteProps> = async ({ props }) => {
  const input = await chartInputOf(props);
  // The spec the page's chart was drawn from, as the chart cache stored it beside the chart
  // (made first if this address is asked for before the page, as in `astro dev`).
  const store = chartArtifacts();
  const key = store.keyOf(input);
  let json = key ? store.specJson(key) : undefined;
  if (!json && key) json = (await store.get(input), store.specJson(key));
  const compiled = json && key ? store.interactiveJson(key) : undefined;
  const body = compiled ?? interactiveChartJson(json ? json.toString('utf8') : JSON.stringify(everyRow(prepareChart(input))));
  return new Response(body, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};

/** The spec with every row and without its title (the caption shows it), as the chart cache stores it. */
function everyRow({ spec, bound }: ReturnType<typeof prepareChart>): Record<string, unknown> {
  if (bound.full === bound.spec) return spec;
  const { title: _t, ...full } = bound.full;
  return full;
}
