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
 * Past this resident size the child collects its garbage after a drawing. Each drawing leaves
 * resvg's pixels (a card: 3 MB) and the SVG text for the collector, which V8 runs late in a heap
 * this small: a child drawing cards swung between 126 and 186 MiB, and stayed near 100 MiB
 * collecting after every drawing; past 120 MiB it collected after 17 of 60 cards. Over 300
 * email charts and cards on two children, the larger child's peak fell from 221 to 136 MiB for
 * no more CPU (15.1 against 15.6 s: less memory to fault in pays for the collections).
 * raster-pool.ts starts the child with --expose-gc.
 */
const COLLECT_ABOVE = 120 * 2 ** 20;
const collect = (globalThis as { gc?: () => void }).gc;

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
    if (collect && process.memoryUsage.rss() > COLLECT_ABOVE) collect();
  });
  // The build went away: nothing is left to draw for.
  process.on('disconnect', () => process.exit(0));
  send({ ready: true });
}
