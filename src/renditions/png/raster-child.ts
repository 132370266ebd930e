/**
 * A rasterizer process of raster-pool.ts, run by plain Node (types stripped): draws one SVG at a
 * time and sends the PNG back. If resvg panics, only this process dies.
 */
import { drawPng } from './draw-png.ts';

export interface RasterRequest {
  id: number;
  svg: string;
  zoom: number;
  fontFiles: string[];
}

export type RasterReply = { ready: true } | { id: number; png: Uint8Array; width: number; height: number } | { id: number; error: string };

/** Tests only: with TALLY_TEST_RASTER_ABORT=1, an SVG holding this marker aborts the process as a resvg panic does. */
export const TEST_ABORT_MARKER = 'tally-test-abort';

/**
 * After every drawing the child runs a minor collection (the young generation only): the
 * wrappers of resvg's tree and pixels die young, and their native memory (a card: 3 MB of
 * pixels) goes back to the allocator at once, to be reused warm by the next drawing instead of
 * fresh pages the kernel must zero. Over the bench corpus's email charts and cards (184
 * drawings, one child) that took 0.7 ms a drawing and cut the child's CPU from 55 to 39 ms a
 * drawing, its peak from 128 to 117 MiB; collecting in full past 120 MiB alone, as before, cost
 * 15 ms a collection, one every three or four drawings. The full collection stays past 120 MiB,
 * for what outlives a minor one. raster-pool.ts starts the child with --expose-gc.
 */
const COLLECT_ABOVE = 120 * 2 ** 20;
const collect = (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc;

const send = (reply: RasterReply): void => void process.send?.(reply);

if (process.send) {
  process.on('message', (req: RasterRequest) => {
    if (process.env.TALLY_TEST_RASTER_ABORT === '1' && req.svg.includes(TEST_ABORT_MARKER)) {
      process.stderr.write(`${TEST_ABORT_MARKER}: aborting on the marked SVG, as TALLY_TEST_RASTER_ABORT=1 asks\n`, () => process.abort());
      return;
    }
    try {
      const { png, width, height } = drawPng(req.svg, req.zoom, req.fontFiles);
      send({ id: req.id, png, width, height });
    } catch (e) {
      send({ id: req.id, error: (e as Error).message });
    }
    if (collect) {
      collect({ type: 'minor' });
      if (process.memoryUsage.rss() > COLLECT_ABOVE) collect({ type: 'major' });
    }
  });
  // The build went away: nothing is left to draw for.
  process.on('disconnect', () => process.exit(0));
  send({ ready: true });
}
