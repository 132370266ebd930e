import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { projectRoot } from '../paths.ts';
import { interFontFiles } from './inter-fonts.ts';
import { rasterize, type RasterWhat } from './raster-pool.ts';
import { pngSize, type Png } from './svg-to-png.ts';

/** Bump when svgToPng's options change: every cached PNG is then drawn again. */
const RASTER_VERSION = '1';

let salt: string | undefined;
/** The rasterizer's identity: our version, resvg's, and the font files drawn with. */
function rasterSalt(): string {
  if (salt) return salt;
  const require = createRequire(path.join(projectRoot(), 'package.json'));
  const resvg = (require('@resvg/resvg-js/package.json') as { version: string }).version;
  salt = [RASTER_VERSION, resvg, ...interFontFiles().map((f) => path.relative(projectRoot(), f))].join('\0');
  return salt;
}

/**
 * The rasterizer pool (raster-pool.ts) behind a disk cache in .tally-cache/png/, keyed by a
 * digest of the SVG, the zoom and the rasterizer (resvg version, fonts): an unchanged chart of
 * an old issue is not drawn again on every build, and a build whose PNGs are all cached starts
 * no rasterizer process. Entries are written to a temp file and renamed, so a killed build
 * never leaves half a PNG. `what` names the drawing if resvg crashes on it.
 */
export async function cachedSvgToPng(svg: string, zoom: number, what: RasterWhat): Promise<Png> {
  const key = createHash('sha256').update(rasterSalt()).update('\0').update(String(zoom)).update('\0').update(svg).digest('hex');
  const file = path.join(projectRoot(), '.tally-cache', 'png', key.slice(0, 2), `${key}.png`);
  const hit = await fs.readFile(file).catch(() => undefined);
  const size = hit && pngSize(hit);
  if (hit && size) return { png: hit, ...size };
  const drawn = await rasterize(svg, zoom, what);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await fs.writeFile(tmp, drawn.png);
  await fs.rename(tmp, file);
  return drawn;
}
