import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { boundSpecsOf, sharedData } from './corpus.ts';

export interface EssentialCost {
  /** Wall time to render every chart in both themes over one worker per core, workers started included. */
  wallMs: number;
  renders: number;
  /** Mean time of one render (one chart, one theme) inside a worker. */
  meanRenderMs: number;
  /** Sum of the render times of one issue's charts (both themes). */
  issueMs: (i: number) => number;
}

/**
 * The essential chart cost: the same charts (data inlined and cut as Tally binds them), in
 * both themes, rendered with bare vega-lite + vega over a pool of workers, one per core.
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
    for (let i = 0; i < n; i++) for (const spec of boundSpecsOf(i, n, shared)) for (const theme of ['light', 'dark'] as const) yield { i, spec, theme };
  })();
  let id = 0;
  await Promise.all(
    workers.map(async (worker) => {
      for (let job = jobs.next(); !job.done; job = jobs.next()) {
        const { i, spec, theme } = job.value;
        const ms = await new Promise<number>((resolve) => {
          worker.once('message', (m: { ms: number }) => resolve(m.ms));
          worker.postMessage({ id: id++, spec, theme });
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
