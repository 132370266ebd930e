/**
 * A worker thread of precompile-validator.ts, run by plain Node (types stripped): compiles
 * Vega-Lite's schema to Ajv's standalone code and sends the text back.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { specValidatorSource } from './spec-schema.ts';

const { done, port } = workerData as { done: Int32Array; port: MessagePort };
specValidatorSource().then(
  (source) => port.postMessage({ source }),
  (e: unknown) => port.postMessage({ error: e instanceof Error ? e.message : String(e) }),
).finally(() => {
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
  port.close();
});
