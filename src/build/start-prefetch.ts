import { listIssues } from '../issues/list-issues.ts';
import { issueDir, loadIssueFigures } from '../issues/load-issue-figures.ts';
import { renderedUnderSameKey } from './page-key.ts';
import { chartArtifacts } from './chart-renderer.ts';
import { prefetchCharts } from './prefetch-charts.ts';

let started = false;

/**
 * Starts making the charts of every page the build will render in the worker pool, once per
 * build, when the issue pages are listed (their getStaticPaths). Not in `astro dev`, which renders
 * only the pages a reader asks for.
 */
export function startChartPrefetch(): void {
  if (started || import.meta.env.MODE === 'development' || process.env.TALLY_CHART_PREFETCH === '0') return;
  started = true;
  void (async () => {
    // Pages that Astro will copy from the last build render no chart: skip theirs.
    const issues = [];
    for (const issue of await listIssues()) if (!(await renderedUnderSameKey(issue.id, issue.data, issueDir(issue.id)))) issues.push(issue);
    // Nothing to draw (a warm build): no worker pool is started.
    if (!issues.length) return;
    await prefetchCharts(
      issues.map((issue) => ({ dir: issueDir(issue.id), asOf: issue.data.asOf, figures: () => loadIssueFigures(issue.id, issue.data.asOf) })),
      chartArtifacts(),
    );
  })().catch(() => undefined);
}
