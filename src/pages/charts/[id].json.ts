/**
 * /charts/<chart-id>.json: the Vega-Lite spec of each chart with its data inlined, for the
 * optional interactive layer (src/client/). The page carries only this URL, in the figure's
 * data-chart-spec attribute, so the spec costs nothing until a reader reaches the chart.
 * The id is the one <Chart> gives its figure: a digest of the bound spec, so a URL never
 * serves stale data from a cache.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import { buildChart } from '../../charts/build-chart.ts';
import { listIssues } from '../../issues/list-issues.ts';
import { issueDir, loadIssueFigures } from '../../issues/load-issue-figures.ts';
import { findCharts } from '../../lock/find-charts.ts';
import { rel } from '../../paths.ts';

export const getStaticPaths = (async () => {
  const specs = new Map<string, Record<string, unknown>>();
  for (const issue of await listIssues()) {
    const mdx = path.join(issueDir(issue.id), 'index.mdx');
    const charts = findCharts(fs.readFileSync(mdx, 'utf8'), rel(mdx));
    if (charts.length === 0) continue;
    const { datasets } = await loadIssueFigures(issue.id, issue.data.asOf);
    for (const { spec: ref, usage } of charts) {
      const chart = await buildChart({ ref, issueDir: issueDir(issue.id), usage, asOf: issue.data.asOf, datasets });
      specs.set(chart.id, chart.spec);
    }
  }
  return [...specs].map(([id, spec]) => ({ params: { id }, props: { spec } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(JSON.stringify((props as { spec: Record<string, unknown> }).spec), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
