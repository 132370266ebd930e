/** A stand-in chart worker for the pool's tests: a spec `{"eat": n}` holds n MB before answering. */
import { parentPort } from 'node:worker_threads';
import { signalReady, type RenderJob } from '../../../src/build/render-worker-protocol.ts';

signalReady();
parentPort?.on('message', (job: RenderJob) => {
  const { eat = 0 } = JSON.parse(job.specJson) as { eat?: number };
  const held: number[][] = [];
  for (let i = 0; i < eat; i++) held.push(Array.from({ length: 131_072 }, (_, k) => k + i));
  parentPort!.postMessage({ id: job.id, ok: true, kind: 'svg', result: { svg: `<svg>${held.length}</svg>`, width: 1, height: 1, warnings: [], digest: 'd' }, ms: 0 });
});
