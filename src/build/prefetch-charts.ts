import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CalendarDate } from '../data/calendar-date.ts';
import type { IssueFigures } from '../figures/compute-figures.ts';
import { rel } from '../core/paths.ts';
import { findCharts } from '../issues/scan-usages.ts';
import type { ArtifactStore } from '../charts/chart-artifacts.ts';

export interface IssueCharts {
  /** The issue's folder, holding index.mdx and its specs. */
  dir: string;
  asOf: CalendarDate;
  /** The issue's datasets and figures (the figures fill the specs' `{{figure}}` texts). */
  figures: () => Promise<Pick<IssueFigures, 'datasets' | 'figures'>>;
}

/**
 * Makes every chart of the given issues that the chart cache lacks, in page order, keeping
 * about two charts per core in flight: Astro renders pages one at a time, so the pages then
 * find their charts made (or being made) by the worker pool. Data is bound here, in the main
 * thread; only bound specs go to the workers. A chart already cached costs a digest of its
 * inputs. A chart that fails is left for its page, which raises the error with its location.
 */
export async function prefetchCharts(issues: Iterable<IssueCharts>, store: ArtifactStore, window = 2 * os.availableParallelism()): Promise<{ charts: number; failed: number }> {
  const inFlight = new Set<Promise<void>>();
  let charts = 0;
  let failed = 0;
  for (const issue of issues) {
    const mdx = path.join(issue.dir, 'index.mdx');
    let computed: Pick<IssueFigures, 'datasets' | 'figures'>;
    let refs: string[];
    try {
      refs = findCharts(fs.readFileSync(mdx, 'utf8'), rel(mdx)).map((c) => c.spec);
      computed = refs.length ? await issue.figures() : { datasets: new Map(), figures: new Map() };
    } catch {
      continue;
    }
    for (const ref of refs) {
      while (inFlight.size >= window) await Promise.race(inFlight);
      const job = (async () => {
        await store.warm({ ref, issueDir: issue.dir, usage: { file: rel(mdx) }, asOf: issue.asOf, datasets: computed.datasets, figures: computed.figures });
        charts++;
      })()
        .catch(() => void failed++)
        .finally(() => inFlight.delete(job));
      inFlight.add(job);
      // Let the page being rendered take its turn between two bindings.
      await new Promise((r) => setImmediate(r));
    }
  }
  await Promise.all(inFlight);
  return { charts, failed };
}
