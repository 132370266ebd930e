import { setTimeout as wait } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { Renderer } from '../charts/render-cache.ts';
import type { RenderedSvg } from '../charts/render-svg.ts';
import type { LayoutName } from '../charts/chart-layout.ts';
import { WORKER_READY, type RenderReply, type WorkerJob, type WorkerStart } from './render-worker-protocol.ts';

/**
 * A worker keeps about 30 MB live between charts but let its heap grow to 260 MB before
 * collecting (seen with --trace-gc). Capped at 192 MB, the N = 500 benchmark's peak fell by
 * about 250 MB at no cost in time (128 MB cost 15% more time in collections). A chart too big
 * for the cap crashes its worker; the pool starts another and the chart is drawn in the main
 * thread instead.
 */
const WORKER_OLD_SPACE_MB = 192;

/**
 * Left to V8, a worker's young generation grew to about 100 MB on this machine, all of it
 * touched and resident between scavenges. Two workers drawing 60 bench charts (both layouts and
 * the interactive compile), three runs each: 541 MB resident at most, 33.8 s of CPU (medians);
 * capped at 32 MB, 388 MB and 34.4 s; at 16 MB, 332 MB but 41.1 s (more objects promoted).
 */
const WORKER_YOUNG_SPACE_MB = 32;

type QueuedJob = WorkerJob & Waiter;

interface Slot {
  worker: Worker;
  job: QueuedJob | undefined;
  /** The worker loaded its entry (it says so first thing). */
  ready: boolean;
  /** Set by the worker itself once loaded (render-worker-protocol.ts signalReady), readable while the event loop is not running. */
  loaded: Int32Array;
  gone: boolean;
  /** Settles once the worker is ready, or gone. */
  settled: Promise<void>;
}

/**
 * How long close() waits for a worker still loading its entry before stopping it anyway: loading
 * takes well under a second, more under load; a worker that never loads must not hold the build.
 */
const SETTLE_MS = 60_000;

/** How long the process, exiting, waits in all for workers still loading their entries. */
const EXIT_WAIT_MS = 10_000;

interface Waiter {
  resolve: (r: RenderedSvg | string) => void;
  reject: (e: Error) => void;
}

export interface RenderPool {
  render: Renderer;
  /** The interactive layer's file (JSON) for a chart's spec with every row, compiled in a worker. */
  interactive(specJson: string): Promise<string>;
  /** Vega's dataflow (JSON) of a layout's spec without its rows, compiled in a worker (interactive-from-rows.ts). */
  dataflow(layout: LayoutName, rowlessJson: string): Promise<string>;
  size: number;
  /** Why the workers could not start, if they could not; the caller then renders in its own thread. */
  readonly broken: Error | undefined;
  close(): Promise<void>;
}

export interface RenderPoolOptions {
  /** Hears how many milliseconds each job took inside its worker, and its kind (for the benchmark). */
  onRendered?: (ms: number, kind: WorkerJob['kind']) => void;
  /** Each worker's old generation cap (tests lower it to make a worker run out). */
  oldSpaceMb?: number;
  /** The workers' environment (the build gives them Node's compile cache). */
  env?: NodeJS.ProcessEnv;
}

/**
 * A pool of worker threads rendering charts, one job per worker at a time. A worker is
 * referenced only while it has a job, so an idle pool never keeps `astro build` from exiting.
 * A job that fails in a worker rejects with Vega's message; the caller renders it again in its
 * own thread to raise the located error from the catalogue.
 */
export function createRenderPool(workerUrl: URL, size: number, { onRendered, oldSpaceMb = WORKER_OLD_SPACE_MB, env = process.env }: RenderPoolOptions = {}): RenderPool {
  const queue: QueuedJob[] = [];
  let next = 0;
  let broken: Error | undefined;
  const slots: Slot[] = [];

  const spawn = (): Slot => {
    const loaded = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(workerUrl, { env, workerData: { loaded } satisfies WorkerStart, resourceLimits: { maxOldGenerationSizeMb: oldSpaceMb, maxYoungGenerationSizeMb: WORKER_YOUNG_SPACE_MB } });
    const { promise: settled, resolve: settle } = Promise.withResolvers<void>();
    const slot: Slot = { worker, job: undefined, ready: false, loaded, gone: false, settled };
    slot.worker.unref();
    slot.worker.once('exit', () => {
      slot.gone = true;
      settle();
    });
    slot.worker.on('message', (reply: RenderReply | typeof WORKER_READY) => {
      if (reply === WORKER_READY) {
        slot.ready = true;
        settle();
        return;
      }
      const job = slot.job;
      slot.job = undefined;
      slot.worker.unref();
      if (job && reply.ok && reply.kind === job.kind) {
        onRendered?.(reply.ms, reply.kind);
        job.resolve(reply.kind === 'svg' ? reply.result : reply.json);
      } else job?.reject(new Error(reply.ok ? 'mismatched reply' : reply.message));
      pump();
    });
    slot.worker.on('error', (e) => {
      settle();
      const error = e instanceof Error ? e : new Error(String(e));
      slot.job?.reject(error);
      slot.job = undefined;
      // A worker that dies before it is ready cannot load its entry: do not respawn it forever.
      // One that dies on a chart (out of memory) is replaced, and that chart drawn elsewhere.
      if (!slot.ready) broken ??= error;
      slots.splice(slots.indexOf(slot), 1, ...(broken ? [] : [spawn()]));
      if (slots.length === 0) for (const job of queue.splice(0)) job.reject(broken!);
      pump();
    });
    return slot;
  };

  const pump = () => {
    for (const slot of slots) {
      if (slot.job || queue.length === 0) continue;
      const job = queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      const { resolve: _r, reject: _j, ...message } = job;
      slot.worker.postMessage(message);
    }
  };

  for (let i = 0; i < size; i++) slots.push(spawn());

  // A process that exits (a failed build: Astro calls process.exit) stops its workers, and one
  // still evaluating its modules aborts the process as close() would (below). The exit waits,
  // its event loop stopped, on each such worker's own flag.
  const holdExit = () => {
    const until = performance.now() + EXIT_WAIT_MS;
    for (const s of slots) {
      if (s.gone) continue;
      const left = until - performance.now();
      if (left <= 0) break;
      Atomics.wait(s.loaded, 0, 0, left);
    }
  };
  process.on('exit', holdExit);

  const submit = <T extends RenderedSvg | string>(job: WorkerJob): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (broken && slots.length === 0) return reject(broken);
      queue.push({ ...job, resolve: resolve as Waiter['resolve'], reject });
      pump();
    });

  return {
    size,
    get broken() {
      return broken;
    },
    render: (spec, file, layout, specJson = JSON.stringify(spec)) => submit<RenderedSvg>({ kind: 'svg', id: next++, specJson, file, layout }),
    interactive: (specJson) => submit<string>({ kind: 'interactive', id: next++, specJson }),
    dataflow: (layout, specJson) => submit<string>({ kind: 'dataflow', id: next++, layout, specJson }),
    /**
     * Stops every worker, each once it has loaded its entry: a thread stopped while it is still
     * evaluating its modules can abort the whole process (V8's "Check failed: (location_) !=
     * nullptr", nodejs/node#60755). A fixture build aborted with it as its pages ended, most
     * likely while stopping a worker started for no chart, still loading Vega.
     */
    async close() {
      process.off('exit', holdExit);
      await Promise.all(
        slots.map(async (s) => {
          // The timer is referenced: the build waits here, and an idle pool holds nothing else that keeps it running.
          const waited = new AbortController();
          await Promise.race([s.settled, wait(SETTLE_MS, undefined, { signal: waited.signal }).catch(() => undefined)]);
          waited.abort();
          await s.worker.terminate();
        }),
      );
    },
  };
}
