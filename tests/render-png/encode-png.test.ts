import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { encodeOpaquePng } from '../../src/renditions/png/encode-png.ts';
import { interFontFiles } from '../../src/renditions/png/inter-fonts.ts';
import { pngSize } from '../../src/renditions/png/svg-to-png.ts';
import { readPng } from '../email/png.ts';

const chart = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120" viewBox="0 0 300 120">
<rect x="10" y="10" width="120" height="80" fill="#1f6f8b" opacity="0.7"/>
<path d="M20 100 L80 30 L150 70 L290 15" stroke="#c8660f" stroke-width="2.5" fill="none"/>
<circle cx="200" cy="60" r="22" fill="#23904c" fill-opacity="0.4"/>
<text x="160" y="110" font-size="13" font-weight="600" fill="#2b2f36">Axis title, 1–2%</text>
</svg>`;

function draw(svg: string, zoom: number, background?: string) {
  return new Resvg(svg, { fitTo: { mode: 'zoom', value: zoom }, ...(background ? { background } : {}), font: { fontFiles: interFontFiles(), loadSystemFonts: false, defaultFontFamily: 'Inter' } }).render();
}

describe('encodeOpaquePng', () => {
  it("writes the very pixels of resvg's own PNG, as a smaller RGB file", () => {
    for (const zoom of [1, 2]) {
      const image = draw(chart, zoom, '#ffffff');
      const png = encodeOpaquePng(image.pixels, image.width, image.height)!;
      const ours = readPng(png);
      const theirs = readPng(image.asPng());
      expect(pngSize(png)).toEqual({ width: 300 * zoom, height: 120 * zoom });
      expect([ours.colorType, theirs.colorType, ours.opaque]).toEqual([2, 6, true]);
      expect(ours.rgba!.equals(theirs.rgba!)).toBe(true);
      expect(png.length).toBeLessThan(image.asPng().length);
    }
  });

  it('declines a picture with a pixel that is not wholly opaque', () => {
    const image = draw(chart, 1);
    expect(encodeOpaquePng(image.pixels, image.width, image.height)).toBeUndefined();
    const one = Buffer.alloc(4 * 6, 255);
    one[4 * 5 + 3] = 254;
    expect(encodeOpaquePng(one, 3, 2)).toBeUndefined();
    expect(encodeOpaquePng(Buffer.alloc(4 * 6, 255), 3, 2)).toBeInstanceOf(Buffer);
  });

  it('reads pixels that do not start on a word boundary', () => {
    const image = draw(chart, 1, '#ffffff');
    const shifted = Buffer.alloc(image.pixels.length + 1);
    image.pixels.copy(shifted, 1);
    const png = encodeOpaquePng(shifted.subarray(1), image.width, image.height)!;
    expect(readPng(png).rgba!.equals(readPng(image.asPng()).rgba!)).toBe(true);
  });
});
