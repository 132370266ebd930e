/**
 * The charts of every issue, as the chart routes beside this file list them under `astro dev`:
 * the interactive layer's file (/charts/<issue>/<spec name>.json) and the table's download
 * (… .csv). A build lists none: the pages store those files and the build's end links them into
 * the output (src/build/chart-files.ts), so Astro neither renders nor copies them. Astro does
 * not route files whose name starts with "_".
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CollectionEntry } from 'astro:content';
import type { ChartInput } from '../../charts/build-chart.ts';
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

type ChartPath = { params: { slug: string; chart: string }; props: ChartRouteProps };

/** Every chart under `astro dev`, listed afresh each time (an MDX file may have changed); none in a build. */
export async function chartPaths(): Promise<ChartPath[]> {
  return import.meta.env.DEV ? listChartPaths() : [];
}

async function listChartPaths(): Promise<ChartPath[]> {
  const paths = new Map<string, ChartPath>();
  for (const issue of await listIssues()) {
    const mdx = path.join(issueDir(issue.id), 'index.mdx');
    const charts = findCharts(fs.readFileSync(mdx, 'utf8'), rel(mdx));
    for (const { spec: ref, usage } of charts) {
      const chart = chartKey(ref);
      paths.set(`${issue.id}/${chart}`, { params: { slug: issue.id, chart }, props: { issue, ref, usage } });
    }
  }
  return [...paths.values()];
}

/** The chart pipeline's input for a chart route: the issue's figures computed at its asOf. */
export async function chartInputOf({ issue, ref, usage }: ChartRouteProps): Promise<ChartInput> {
  const { datasets, figures } = await loadIssueFigures(issue.id, issue.data.asOf);
  return { ref, issueDir: issueDir(issue.id), usage, asOf: issue.data.asOf, datasets, figures };
}
