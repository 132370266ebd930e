import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { boundSpecsOf, sharedData } from './corpus.ts';

export interface EssentialCost {
  /** Wall time to render every chart once over one worker per core, workers started included. */
  wallMs: number;
  renders: number;
  /** Mean time of one render (one chart, one theme, one layout) inside a worker. */
  meanRenderMs: number;
  /** Sum of the render times of one issue's charts. */
  issueMs: (i: number) => number;
}

/**
 * The essential chart cost: each chart drawn once, as an author's bare tools would draw it: the
 * same specs with every row their data has at the issue's asOf (not sampled to their width), one
 * theme, one layout (the spec's own size), compiled by vega-lite and drawn to SVG by vega over a
 * pool of workers, one per core. What Tally does beyond that (a narrow layout for phones, the
 * interactive layer's compile, the data table, sampling) is its overhead, not part of this cost.
 */
export async function essentialCost(n: number): Promise<EssentialCost> {
  const started = performance.now();
  const shared = sharedData();
  const size = os.availableParallelism();
  const workers = Array.from({ length: size }, () => new Worker(new URL('./essential-worker.ts', import.meta.url)));
  for (const w of workers) w.on('error', (e) => { throw e; });
  const perIssue = new Float64Array(n);
  let total = 0;
  let renders = 0;
  const jobs = (function* () {
    for (let i = 0; i < n; i++) for (const spec of boundSpecsOf(i, n, shared)) yield { i, spec };
  })();
  let id = 0;
  await Promise.all(
    workers.map(async (worker) => {
      for (let job = jobs.next(); !job.done; job = jobs.next()) {
        const { i, spec } = job.value;
        const ms = await new Promise<number>((resolve) => {
          worker.once('message', (m: { ms: number }) => resolve(m.ms));
          worker.postMessage({ id: id++, spec });
        });
        perIssue[i]! += ms;
        total += ms;
        renders++;
      }
    }),
  );
  await Promise.all(workers.map((w) => w.terminate()));
  return { wallMs: performance.now() - started, renders, meanRenderMs: total / renders, issueMs: (i) => perIssue[i]! };
}
