/**
 * The entry of a chart-rendering worker thread. Node loads this file as is (types stripped
 * natively), not through Vite's bundle, so it imports only plain modules: the vega render code.
 */
import { parentPort } from 'node:worker_threads';
import { renderSvg } from './render-svg.ts';
import type { ThemeName } from './theme.ts';

export interface RenderJob {
  id: number;
  /** The bound spec as JSON. */
  specJson: string;
  file: string;
  theme: ThemeName;
}

export type RenderReply = { id: number; ok: true; result: Awaited<ReturnType<typeof renderSvg>>; ms: number } | { id: number; ok: false; message: string };

parentPort?.on('message', (job: RenderJob) => {
  const started = performance.now();
  renderSvg(JSON.parse(job.specJson) as Record<string, unknown>, job.file, job.theme, job.specJson).then(
    (result) => parentPort!.postMessage({ id: job.id, ok: true, result, ms: performance.now() - started } satisfies RenderReply),
    (e: unknown) => parentPort!.postMessage({ id: job.id, ok: false, message: e instanceof Error ? e.message : String(e) } satisfies RenderReply),
  );
});
