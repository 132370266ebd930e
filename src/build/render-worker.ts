/**
 * The entry of a chart-rendering worker thread. Node loads this file as is (types stripped
 * natively), not through Vite's bundle, so it imports only plain modules: the vega render code.
 */
import { parentPort } from 'node:worker_threads';
import { renderSvg } from '../charts/render-svg.ts';
import { WORKER_READY, type RenderJob, type RenderReply } from './render-worker-protocol.ts';

parentPort?.postMessage(WORKER_READY);
parentPort?.on('message', (job: RenderJob) => {
  const started = performance.now();
  renderSvg(JSON.parse(job.specJson) as Record<string, unknown>, job.file, job.layout, job.specJson).then(
    (result) => parentPort!.postMessage({ id: job.id, ok: true, result, ms: performance.now() - started } satisfies RenderReply),
    (e: unknown) => parentPort!.postMessage({ id: job.id, ok: false, message: e instanceof Error ? e.message : String(e) } satisfies RenderReply),
  );
});
