import { drawPng, type Png } from './draw-png.ts';
import { interFontFaces } from './inter-fonts.ts';

export type { Png };

/**
 * Rasterizes an SVG in this process, with the bundled Inter fonts (see draw-png.ts). The build
 * draws through raster-pool.ts instead, where a crash of resvg cannot take the build down.
 */
export async function svgToPng(svg: string, zoom: number): Promise<Png> {
  return drawPng(svg, zoom, interFontFaces());
}

/** Width and height from a PNG's IHDR chunk (bytes 16-23), or undefined if `bytes` is not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const magic = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || magic.some((b, i) => bytes[i] !== b)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return undefined;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
