import { store } from '../../cache/stores.ts';
import { rasterize, type RasterWhat } from './raster-pool.ts';
import { pngSize, type Png } from './svg-to-png.ts';

/** Drawings under way, by key: emails drawn side by side often show the same chart. */
const drawing = new Map<string, Promise<Png>>();

/**
 * The rasterizer pool (raster-pool.ts) behind the `png` store, keyed by the SVG, the zoom and
 * the rasterizer's code (resvg's version and the fonts come with it): an unchanged chart of an
 * old issue is not drawn again on every build, and a build whose PNGs are all cached starts no
 * rasterizer process. A drawing asked for while it is under way is shared, not made again: the
 * emails of a cold 500-issue build, four at a time, made 1,739 and 1,766 drawings (two builds)
 * of 1,580 distinct ones, cards included. `what` names the drawing if resvg crashes on it.
 */
export async function cachedSvgToPng(svg: string, zoom: number, what: RasterWhat): Promise<Png> {
  const png = store('png');
  const key = png.key(String(zoom), svg);
  const under = drawing.get(key);
  if (under) return under;
  const hit = png.read(key, '.png');
  const size = hit && pngSize(hit);
  if (hit && size) return { png: hit, ...size };
  const job = rasterize(svg, zoom, what)
    .then((drawn) => {
      png.write(key, drawn.png, '.png');
      return drawn;
    })
    .finally(() => drawing.delete(key));
  drawing.set(key, job);
  return job;
}
