/**
 * The entry of a chart-rendering worker thread. Node loads this file as is (types stripped
 * natively), not through Vite's bundle, so it imports only plain modules: the vega render code
 * and the interactive layer's compile.
 */
import { parentPort } from 'node:worker_threads';
import { interactiveChartJson, rowlessDataflowJson } from '../charts/interactive-spec.ts';
import { renderSvg } from '../charts/render-svg.ts';
import { signalReady, type RenderReply, type WorkerJob } from './render-worker-protocol.ts';

signalReady();
parentPort?.on('message', (job: WorkerJob) => {
  const started = performance.now();
  const failed = (e: unknown) => parentPort!.postMessage({ id: job.id, ok: false, message: e instanceof Error ? e.message : String(e) } satisfies RenderReply);
  if (job.kind === 'interactive' || job.kind === 'dataflow') {
    try {
      const json = job.kind === 'interactive' ? interactiveChartJson(job.specJson) : rowlessDataflowJson(job.layout, job.specJson);
      parentPort!.postMessage({ id: job.id, ok: true, kind: job.kind, json, ms: performance.now() - started } satisfies RenderReply);
    } catch (e) {
      failed(e);
    }
    return;
  }
  renderSvg(JSON.parse(job.specJson) as Record<string, unknown>, job.file, job.layout, job.specJson).then(
    (result) => parentPort!.postMessage({ id: job.id, ok: true, kind: 'svg', result, ms: performance.now() - started } satisfies RenderReply),
    failed,
  );
});
