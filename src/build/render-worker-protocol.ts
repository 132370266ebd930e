import { parentPort, workerData } from 'node:worker_threads';
import type { RenderedSvg } from '../charts/render-svg.ts';
import type { LayoutName } from '../charts/chart-layout.ts';

/** What the pool sends a chart worker: a chart to draw in one layout. */
export interface RenderJob {
  kind: 'svg';
  id: number;
  /** The bound spec as JSON. */
  specJson: string;
  file: string;
  layout: LayoutName;
}

/** What the pool sends a chart worker: a chart's spec with every row, to compile for the interactive layer. */
export interface InteractiveJob {
  kind: 'interactive';
  id: number;
  specJson: string;
}

/** What the pool sends a chart worker: a layout's spec without its rows, to compile to Vega's dataflow for the interactive file the main thread makes (interactive-from-rows.ts). */
export interface DataflowJob {
  kind: 'dataflow';
  id: number;
  layout: LayoutName;
  /** The spec without its rows, as JSON. */
  specJson: string;
}

export type WorkerJob = RenderJob | InteractiveJob | DataflowJob;

/** What a worker answers to a job: the drawing, or the interactive chart's file as JSON. */
export type RenderReply =
  | { id: number; ok: true; kind: 'svg'; result: RenderedSvg; ms: number }
  | { id: number; ok: true; kind: 'interactive' | 'dataflow'; json: string; ms: number }
  | { id: number; ok: false; message: string };

/** A worker's first message, once its entry and vega are loaded. */
export const WORKER_READY = 'ready';

/** What the pool hands each worker: a flag the worker sets once it is loaded, which the pool can wait on without its event loop. */
export interface WorkerStart {
  loaded: Int32Array;
}

/**
 * Says the worker's entry is loaded: the ready message, and the shared flag (set and woken), read
 * by the pool when the process exits, when no message can be received any more.
 *
 * Both wait for the event loop's next turn. Vega's graph holds a module with top-level await
 * (vega-canvas), so every module above it, this entry included, runs inside V8's step that
 * resumes that module; a thread stopped before that step returns aborts the whole process
 * ("Check failed: (location_) != nullptr"). Said from the entry's body, the pool could stop the
 * worker in that window; on the next turn the step is over and the worker is idle.
 */
export function signalReady(): void {
  setImmediate(() => {
    const start = workerData as Partial<WorkerStart> | undefined;
    if (start?.loaded instanceof Int32Array) {
      Atomics.store(start.loaded, 0, 1);
      Atomics.notify(start.loaded, 0);
    }
    parentPort?.postMessage(WORKER_READY);
  });
}
