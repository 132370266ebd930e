import zlib from 'node:zlib';
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
  it("writes the very pixels of resvg's own PNG, as a smaller palette file when 256 colours do", () => {
    for (const zoom of [1, 2]) {
      const image = draw(chart, zoom, '#ffffff');
      const png = encodeOpaquePng(image.pixels, image.width, image.height)!;
      const ours = readPng(png);
      const theirs = readPng(image.asPng());
      expect(pngSize(png)).toEqual({ width: 300 * zoom, height: 120 * zoom });
      expect([ours.colorType, theirs.colorType, ours.opaque]).toEqual([3, 6, true]);
      expect(ours.rgba!.equals(theirs.rgba!)).toBe(true);
      expect(png.length).toBeLessThan(image.asPng().length);
    }
  });

  it('writes RGB past 256 colours, and a palette of exactly 256', () => {
    const stops = (n: number) => Array.from({ length: n }, (_, i) => `<rect x="${i}" width="1" height="4" fill="rgb(${i % 256},${(i * 7) % 256},${i >> 8})"/>`).join('');
    for (const [n, type] of [[256, 3], [257, 2], [300, 2]] as const) {
      const image = draw(`<svg xmlns="http://www.w3.org/2000/svg" width="${n}" height="4">${stops(n)}</svg>`, 1, '#ffffff');
      const ours = readPng(encodeOpaquePng(image.pixels, image.width, image.height)!);
      expect([n, ours.colorType, ours.opaque]).toEqual([n, type, true]);
      expect(ours.rgba!.equals(readPng(image.asPng()).rgba!)).toBe(true);
    }
  });

  it('gives the same pixels as the RGB encoder it replaced, on drawings of every kind', () => {
    // A 2,000-point scatter plot (a layer a point), text of every weight, and a gradient of many colours.
    const points = Array.from({ length: 2000 }, (_, i) => `<path transform="translate(${(i * 37) % 600},${(i * 53) % 300})" d="M2.7,0A2.7,2.7,0,1,1,-2.7,0A2.7,2.7,0,1,1,2.7,0Z" fill="#1f6f8b" opacity=".7"/>`).join('');
    const text = [400, 500, 600, 700, 800].map((w, i) => `<text x="10" y="${20 + i * 24}" font-family="Inter" font-size="18" font-weight="${w}" fill="#2b2f36">Figures 1–2% ${w}</text>`).join('');
    const gradient = '<linearGradient id="g"><stop offset="0" stop-color="#fbfaf7"/><stop offset="1" stop-color="#1f6f8b"/></linearGradient><rect y="200" width="600" height="100" fill="url(#g)"/>';
    const types = new Set<number>();
    for (const body of [points, text, gradient, points + text]) {
      const image = draw(`<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300">${body}</svg>`, 2, '#ffffff');
      const ours = readPng(encodeOpaquePng(image.pixels, image.width, image.height)!);
      types.add(ours.colorType);
      expect(ours.rgba!.equals(readPng(rgbPng(image.pixels, image.width, image.height)).rgba!)).toBe(true);
    }
    expect([...types].sort()).toEqual([2, 3]);
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

/** The RGB encoder as it was before palettes: the reference the pictures are compared with. */
function rgbPng(rgba: Uint8Array, width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0, o = 0, s = 0; y < height; y++, o++) for (let x = 0; x < width; x++, s++) for (let c = 0; c < 3; c++) raw[++o] = rgba[s * 4 + c]!;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), 4 + body.length);
    return out;
  };
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
