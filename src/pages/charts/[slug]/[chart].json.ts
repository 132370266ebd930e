/**
 * /charts/<issue>/<spec name>.json: what the optional interactive layer (src/client/) draws a
 * chart from. The chart's Vega-Lite spec, with every row cut at the issue's asOf (the static SVG
 * drew long series sampled to their width), is compiled here, at build time, to Vega's parsed
 * dataflow in each theme and layout (src/client/interactive-spec.ts), so the browser loads
 * Vega's runtime and tooltips only. The page carries only this address, in the figure's
 * data-chart-spec, so the file costs nothing until a reader reaches the chart. The spec is
 * looked up when it is asked for, so `astro dev` serves the current data after an edit.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import type { CollectionEntry } from 'astro:content';
import { prepareChart } from '../../../charts/build-chart.ts';
import { chartArtifacts } from '../../../build/chart-renderer.ts';
import { listIssues } from '../../../issues/list-issues.ts';
import { issueDir, loadIssueFigures } from '../../../issues/load-issue-figures.ts';
import { issuePageKey } from '../../../build/page-key.ts';
import { findCharts } from '../../../issues/scan-usages.ts';
import { rel } from '../../../core/paths.ts';
import { chartKey } from '../../../core/chart-routes.ts';
import { interactiveChart } from '../../../client/interactive-spec.ts';

type Props = {
  issue: CollectionEntry<'issues'>;
  ref: string;
  usage: { file: string; line?: number | undefined; column?: number | undefined };
};

export const getStaticPaths = (async () => {
  const paths = new Map<string, { params: { slug: string; chart: string }; props: Props; cacheKey: string | undefined }>();
  for (const issue of await listIssues()) {
    const mdx = path.join(issueDir(issue.id), 'index.mdx');
    const charts = findCharts(fs.readFileSync(mdx, 'utf8'), rel(mdx));
    // The file changes with its page: it is the spec the page's chart was drawn from.
    const page = charts.length && !import.meta.env.DEV ? await issuePageKey(issue.id, issue.data, issueDir(issue.id)) : undefined;
    for (const { spec: ref, usage } of charts) {
      const chart = chartKey(ref);
      paths.set(`${issue.id}/${chart}`, { params: { slug: issue.id, chart }, props: { issue, ref, usage }, cacheKey: page && `${page}:${ref}` });
    }
  }
  return [...paths.values()];
}) satisfies GetStaticPaths;

export const GET: APIRoute<Props> = async ({ props: { issue, ref, usage } }) => {
  const { datasets, figures } = await loadIssueFigures(issue.id, issue.data.asOf);
  const input = { ref, issueDir: issueDir(issue.id), usage, asOf: issue.data.asOf, datasets, figures };
  // The spec the page's chart was drawn from, as the chart cache stored it beside the chart
  // (made first if this address is asked for before the page, as in `astro dev`).
  const store = chartArtifacts();
  const key = store.keyOf(input);
  let json = key ? store.specJson(key) : undefined;
  if (!json && key) json = (await store.get(input), store.specJson(key));
  const spec = json ? (JSON.parse(json.toString('utf8')) as Record<string, unknown>) : everyRow(prepareChart(input));
  return new Response(JSON.stringify(interactiveChart(spec)), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};

/** The spec with every row and without its title (the caption shows it), as the chart cache stores it. */
function everyRow({ spec, bound }: ReturnType<typeof prepareChart>): Record<string, unknown> {
  if (bound.full === bound.spec) return spec;
  const { title: _t, ...full } = bound.full;
  return full;
}
