import { listIssues } from '../issues/list-issues.ts';
import { issueDir, loadIssueFigures } from '../issues/load-issue-figures.ts';
import { chartArtifacts } from './chart-renderer.ts';
import { prefetchCharts } from './prefetch-charts.ts';

let started = false;

/**
 * Starts rendering every chart of the site in the worker pool, once per build, the first time a
 * page renders a chart. Not in `astro dev`, which renders only the pages a reader asks for.
 */
export function startChartPrefetch(): void {
  if (started || import.meta.env.MODE === 'development' || process.env.TALLY_CHART_PREFETCH === '0') return;
  started = true;
  void (async () => {
    const issues = await listIssues();
    await prefetchCharts(
      issues.map((issue) => ({ dir: issueDir(issue.id), asOf: issue.data.asOf, datasets: async () => (await loadIssueFigures(issue.id, issue.data.asOf)).datasets })),
      chartArtifacts(),
    );
  })().catch(() => undefined);
}
