/**
 * A rasterizer process of raster-pool.ts, run by plain Node (types stripped): draws one SVG at a
 * time and sends the PNG back. If resvg panics, only this process dies.
 */
import { drawPng } from './draw-png.ts';
import type { FontFace } from './font-faces.ts';

export interface RasterRequest {
  id: number;
  svg: string;
  zoom: number;
  fonts: FontFace[];
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
 * drawing, its peak from 128 to 117 MiB. A full collection, for what outlives a minor one, runs
 * once the process has grown by GROWTH since the last one (or since it started). A fixed
 * 120 MiB, as before, sat just under where the children settle: drawing a cold 500-issue
 * build's email charts and cards (1,580), two children ran 40 and 45 full collections, 8.0 and
 * 8.3 s of user CPU, against 7.0 s each and peaks of 131 and 134 MiB with none (in a build, one
 * each with this rule). raster-pool.ts starts the child with --expose-gc.
 */
const GROWTH = 64 * 2 ** 20;
const collect = (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc;
let collectAbove = process.memoryUsage.rss() + GROWTH;

const send = (reply: RasterReply): void => void process.send?.(reply);

if (process.send) {
  process.on('message', (req: RasterRequest) => {
    if (process.env.TALLY_TEST_RASTER_ABORT === '1' && req.svg.includes(TEST_ABORT_MARKER)) {
      process.stderr.write(`${TEST_ABORT_MARKER}: aborting on the marked SVG, as TALLY_TEST_RASTER_ABORT=1 asks\n`, () => process.abort());
      return;
    }
    try {
      const { png, width, height } = drawPng(req.svg, req.zoom, req.fonts);
      send({ id: req.id, png, width, height });
    } catch (e) {
      send({ id: req.id, error: (e as Error).message });
    }
    if (collect) {
      collect({ type: 'minor' });
      if (process.memoryUsage.rss() > collectAbove) {
        collect({ type: 'major' });
        collectAbove = process.memoryUsage.rss() + GROWTH;
      }
    }
  });
  // The build went away: nothing is left to draw for.
  process.on('disconnect', () => process.exit(0));
  send({ ready: true });
}
