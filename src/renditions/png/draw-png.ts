import { Resvg } from '@resvg/resvg-js';
import { dropOffscreen, layerFree } from './drop-offscreen.ts';
import { encodeOpaquePng } from './encode-png.ts';
import { facesFor, type FontFace } from './font-faces.ts';

export interface Png {
  png: Buffer;
  /** Pixel size of the PNG. */
  width: number;
  height: number;
}

/**
 * Rasterizes an SVG document with resvg at `zoom` times its own width and height, on an opaque
 * white background (a transparent PNG turns unreadable in a dark-mode mail client), with the
 * given fonts only (no system fonts), of which resvg is handed the faces the SVG can use
 * (font-faces.ts). When a shape could need a layer of its own, elements wholly outside the
 * picture are taken out first: resvg 2.6 aborts the process on some of them (see
 * drop-offscreen.ts). The opaque picture is written as an RGB PNG (encode-png.ts): the
 * same pixels as resvg's own PNG.
 *
 * Imports nothing of Tally's but those: it runs in the rasterizer's child processes.
 */
export function drawPng(svg: string, zoom: number, fonts: readonly FontFace[]): Png {
  const image = new Resvg(layerFree(svg) ? svg : dropOffscreen(svg), {
    fitTo: { mode: 'zoom', value: zoom },
    background: '#ffffff',
    font: { fontFiles: facesFor(svg, fonts), loadSystemFonts: false, defaultFontFamily: 'Inter', sansSerifFamily: 'Inter' },
  }).render();
  return { png: encodeOpaquePng(image.pixels, image.width, image.height) ?? image.asPng(), width: image.width, height: image.height };
}
