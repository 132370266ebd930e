import type { RenderedSvg } from '../charts/render-svg.ts';
import type { LayoutName } from '../charts/chart-layout.ts';

/** What the pool sends a chart worker. */
export interface RenderJob {
  id: number;
  /** The bound spec as JSON. */
  specJson: string;
  file: string;
  layout: LayoutName;
}

/** What a worker answers to a job. */
export type RenderReply = { id: number; ok: true; result: RenderedSvg; ms: number } | { id: number; ok: false; message: string };

/** A worker's first message, once its entry and vega are loaded. */
export const WORKER_READY = 'ready';
