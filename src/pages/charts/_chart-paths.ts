/**
 * The charts of every issue, as the chart routes beside this file list them: the interactive
 * layer's file (/charts/<issue>/<spec name>.json) and the table's download (… .csv). Astro does
 * not route files whose name starts with "_".
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CollectionEntry } from 'astro:content';
import type { ChartInput } from '../../charts/build-chart.ts';
import { issuePageKey } from '../../build/page-key.ts';
import { chartKey } from '../../core/chart-routes.ts';
import { rel } from '../../core/paths.ts';
import { listIssues } from '../../issues/list-issues.ts';
import { issueDir, loadIssueFigures } from '../../issues/load-issue-figures.ts';
import { findCharts } from '../../issues/scan-usages.ts';

export type ChartRouteProps = {
  issue: CollectionEntry<'issues'>;
  ref: string;
  usage: { file: string; line?: number | undefined; column?: number | undefined };
};

type ChartPath = { params: { slug: string; chart: string }; props: ChartRouteProps; cacheKey: string | undefined };

let listed: Promise<ChartPath[]> | undefined;

/**
 * Both chart routes (the file and its CSV) list the same charts: a build lists them once (every
 * issue's front matter checked, its MDX scanned), while `astro dev` lists them afresh each time.
 */
export function chartPaths(): Promise<ChartPath[]> {
  if (import.meta.env.DEV) return listChartPaths();
  // Each route gets its own objects: Astro may keep or amend what a route's getStaticPaths returns.
  return (listed ??= listChartPaths()).then((paths) => paths.map((p) => ({ ...p, params: { ...p.params } })));
}

async function listChartPaths(): Promise<ChartPath[]> {
  const paths = new Map<string, ChartPath>();
  for (const issue of await listIssues()) {
    const mdx = path.join(issueDir(issue.id), 'index.mdx');
    const charts = findCharts(fs.readFileSync(mdx, 'utf8'), rel(mdx));
    // The file changes with its page: it is made from the spec and data the page's chart was drawn from.
    const page = charts.length && !import.meta.env.DEV ? await issuePageKey(issue.id, issue.data, issueDir(issue.id)) : undefined;
    for (const { spec: ref, usage } of charts) {
      const chart = chartKey(ref);
      paths.set(`${issue.id}/${chart}`, { params: { slug: issue.id, chart }, props: { issue, ref, usage }, cacheKey: page && `${page}:${ref}` });
    }
  }
  return [...paths.values()];
}

/** The chart pipeline's input for a chart route: the issue's figures computed at its asOf. */
export async function chartInputOf({ issue, ref, usage }: ChartRouteProps): Promise<ChartInput> {
  const { datasets, figures } = await loadIssueFigures(issue.id, issue.data.asOf);
  return { ref, issueDir: issueDir(issue.id), usage, asOf: issue.data.asOf, datasets, figures };
}
