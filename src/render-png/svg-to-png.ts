import { renderAsync } from '@resvg/resvg-js';
import { interFontFiles } from './inter-fonts.ts';

export interface Png {
  png: Buffer;
  /** Pixel size of the PNG. */
  width: number;
  height: number;
}

/**
 * Rasterizes an SVG document with resvg at `zoom` times its own width and height, on an opaque
 * white background (a transparent PNG turns unreadable in a dark-mode mail client), with the
 * bundled Inter fonts only. Runs on libuv's thread pool, so several renders overlap.
 */
export async function svgToPng(svg: string, zoom: number): Promise<Png> {
  const image = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    background: '#ffffff',
    font: { fontFiles: interFontFiles(), loadSystemFonts: false, defaultFontFamily: 'Inter', sansSerifFamily: 'Inter' },
  });
  return { png: image.asPng(), width: image.width, height: image.height };
}

/** Width and height from a PNG's IHDR chunk (bytes 16-23), or undefined if `bytes` is not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const magic = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || magic.some((b, i) => bytes[i] !== b)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return undefined;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
