import { store } from '../../cache/stores.ts';
import { rasterize, type RasterWhat } from './raster-pool.ts';
import { pngSize, type Png } from './svg-to-png.ts';

/**
 * The rasterizer pool (raster-pool.ts) behind the `png` store, keyed by the SVG, the zoom and
 * the rasterizer's code (resvg's version and the fonts come with it): an unchanged chart of an
 * old issue is not drawn again on every build, and a build whose PNGs are all cached starts no
 * rasterizer process. `what` names the drawing if resvg crashes on it.
 */
export async function cachedSvgToPng(svg: string, zoom: number, what: RasterWhat): Promise<Png> {
  const png = store('png');
  const key = png.key(String(zoom), svg);
  const hit = png.read(key, '.png');
  const size = hit && pngSize(hit);
  if (hit && size) return { png: hit, ...size };
  const drawn = await rasterize(svg, zoom, what);
  png.write(key, drawn.png, '.png');
  return drawn;
}
