import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { ValidateFunction } from 'ajv';
import { compileSpecValidator, validatorFromSource } from './spec-schema.ts';

interface Pending {
  worker: Worker;
  done: Int32Array;
  port: import('node:worker_threads').MessagePort;
  validator?: ValidateFunction;
}

/**
 * Shared by every copy of this module in the process: the integration starts the compile, the
 * chart code inside Vite's bundle (another module instance) takes its result.
 */
const slot = globalThis as { __tallySpecValidator?: Pending };

/** How long the first validation waits for a compile already under way before doing it itself. */
const WAIT_MS = 60_000;

/**
 * Starts compiling Vega-Lite's schema in a worker thread, at the start of a build: over a second
 * of CPU that the first chart's validation would otherwise spend in the main thread while the
 * chart workers wait for it. Started this early it runs beside Astro's own start and Vite's
 * bundle, which leave a core partly idle.
 */
export function precompileSpecValidator(): void {
  // Loaded by Node as it is, beside this file: called from the integration, not Vite's bundle.
  const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'spec-validator-worker.ts');
  if (slot.__tallySpecValidator || !fs.existsSync(entry)) return;
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(entry, { workerData: { done, port: port2 }, transferList: [port2] });
  // A build that never validates a spec must not be kept alive by it.
  worker.unref();
  worker.on('error', () => Atomics.store(done, 0, 1));
  slot.__tallySpecValidator = { worker, done, port: port1 };
}

/**
 * The schema's validator: from the compile started by precompileSpecValidator (waited for if
 * under way), or compiled here when none was started or it failed.
 */
export function specValidator(): ValidateFunction {
  const pending = slot.__tallySpecValidator;
  if (!pending) return compileSpecValidator();
  if (pending.validator) return pending.validator;
  Atomics.wait(pending.done, 0, 0, WAIT_MS);
  const reply = receiveMessageOnPort(pending.port)?.message as { source?: string; error?: string } | undefined;
  void pending.worker.terminate();
  pending.port.close();
  pending.validator = reply?.source ? validatorFromSource(reply.source) : compileSpecValidator();
  return pending.validator;
}
