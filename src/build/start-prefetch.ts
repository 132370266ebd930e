import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rel } from '../core/paths.ts';
import type { CalendarDate } from '../data/calendar-date.ts';
import { findCharts } from '../issues/scan-usages.ts';
import { issueDir, loadIssueFigures } from '../issues/load-issue-figures.ts';
import { renderedUnderSameKey } from './page-key.ts';
import { CHARTS_PER_WORKER, chartArtifacts, expectCharts } from './chart-renderer.ts';
import { prefetchCharts } from './prefetch-charts.ts';

let started = false;

/** An issue as the issue route lists it: its data is what its page key is asked with. */
interface ListedIssue {
  id: string;
  data: { asOf: CalendarDate };
}

/**
 * Starts making the charts of every page the build will render in the worker pool, once per
 * build, as the issue pages are listed (their getStaticPaths, which passes its list). Not in
 * `astro dev`, which renders only the pages a reader asks for.
 */
export function startChartPrefetch(listed: readonly ListedIssue[]): void {
  if (started || import.meta.env.MODE === 'development' || process.env.TALLY_CHART_PREFETCH === '0') return;
  started = true;
  void (async () => {
    // Pages that Astro will copy from the last build render no chart: skip theirs. The keys are
    // worked out once, here or by the route listing the pages, whichever asks first.
    const issues = [];
    for (const issue of listed) if (!(await renderedUnderSameKey(issue.id, issue.data, issueDir(issue.id)))) issues.push(issue);
    // Nothing to draw (a warm build): no worker pool is started.
    if (!issues.length) return;
    expectCharts(chartsAtMost(issues.map((issue) => issueDir(issue.id))));
    await prefetchCharts(
      issues.map((issue) => ({ dir: issueDir(issue.id), asOf: issue.data.asOf, figures: () => loadIssueFigures(issue.id, issue.data.asOf) })),
      chartArtifacts(),
    );
  })().catch(() => undefined);
}

/**
 * How many charts the pages in these folders show, counted only when so few issues are left to
 * render that the count may start fewer workers than cores (undefined otherwise). A page that
 * cannot be read counts as many, so it never lowers the count.
 */
function chartsAtMost(dirs: readonly string[]): number | undefined {
  if (dirs.length >= CHARTS_PER_WORKER * os.availableParallelism()) return undefined;
  let charts = 0;
  for (const dir of dirs) {
    const mdx = path.join(dir, 'index.mdx');
    try {
      charts += findCharts(fs.readFileSync(mdx, 'utf8'), rel(mdx)).length;
    } catch {
      return undefined;
    }
  }
  return charts;
}
