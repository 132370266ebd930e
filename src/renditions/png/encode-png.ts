import os from 'node:os';
import zlib from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Slots of the colour table's hash: four for each of a palette's 256 colours at most. */
const SLOTS = 1024;

/**
 * An opaque RGBA drawing as an 8-bit PNG, or undefined when a pixel is not wholly opaque (the
 * caller then keeps resvg's own `asPng()`). The pixels are the same as asPng's; the file is
 * smaller and quicker to make. Every drawing is on a white background, so the alpha channel
 * says nothing. A drawing of 256 colours at most (every social card, three charts in four) is
 * written with a palette, one byte a pixel; any other as RGB, three. Chart pictures are flat
 * areas of colour, which deflate compresses well unfiltered at level 3. Measured on the bench
 * corpus's email charts and cards: RGB gave 0.75 of asPng's bytes in about two thirds of its
 * time (level 6: 0.67 of the bytes in as much time as asPng; the Sub, Up or Paeth filter: larger
 * files, more time). Palettes where they fit made the corpus's files 0.78 of the RGB files'
 * bytes, each palette file in about half the time of its RGB one.
 */
export function encodeOpaquePng(rgba: Uint8Array, width: number, height: number): Buffer | undefined {
  if (rgba.length !== width * height * 4 || os.endianness() !== 'LE') return undefined;
  const aligned = rgba.byteOffset % 4 === 0 ? rgba : Uint8Array.from(rgba);
  // Read as little-endian words: alpha is the top byte.
  const px = new Uint32Array(aligned.buffer, aligned.byteOffset, width * height);
  const indexed = paletteOf(px, width, height);
  if (indexed === null) return undefined;
  if (indexed) {
    const { rows, colours } = indexed;
    const plte = Buffer.allocUnsafe(colours.length * 3);
    colours.forEach((v, k) => {
      plte[k * 3] = v & 255;
      plte[k * 3 + 1] = (v >>> 8) & 255;
      plte[k * 3 + 2] = (v >>> 16) & 255;
    });
    return png(width, height, 3, [chunk('PLTE', plte), chunk('IDAT', zlib.deflateSync(rows, { level: 3 }))]);
  }
  const stride = width * 3 + 1;
  const raw = Buffer.allocUnsafe(stride * height);
  for (let y = 0, s = 0; y < height; y++) {
    let o = y * stride;
    raw[o++] = 0; // filter type None
    for (let x = 0; x < width; x++, s++) {
      const v = px[s]!;
      if (v >>> 24 !== 255) return undefined;
      raw[o++] = v & 255;
      raw[o++] = (v >>> 8) & 255;
      raw[o++] = (v >>> 16) & 255;
    }
  }
  return png(width, height, 2, [chunk('IDAT', zlib.deflateSync(raw, { level: 3 }))]);
}

/**
 * The rows as palette indices (each behind its filter byte, None) and the palette's colours in
 * order of first use; undefined past 256 colours, null for a pixel that is not wholly opaque.
 * Every pixel's colour is checked once, when it first enters the palette.
 */
function paletteOf(px: Uint32Array, width: number, height: number): { rows: Uint8Array; colours: number[] } | undefined | null {
  const stride = width + 1;
  const rows = new Uint8Array(stride * height);
  const keys = new Uint32Array(SLOTS);
  const slots = new Int16Array(SLOTS).fill(-1);
  const colours: number[] = [];
  for (let y = 0; y < height; y++) {
    const from = y * width;
    const to = y * stride + 1;
    // Neighbouring pixels mostly share a colour: the table is asked once a run, and a long run is a fill.
    for (let x = 0; x < width; ) {
      const v = px[from + x]!;
      let end = x + 1;
      while (end < width && px[from + end] === v) end++;
      let slot = Math.imul(v, 0x9e3779b1) >>> 22;
      let k = slots[slot]!;
      while (k >= 0 && keys[slot] !== v) {
        slot = (slot + 1) & (SLOTS - 1);
        k = slots[slot]!;
      }
      if (k < 0) {
        if (v >>> 24 !== 255) return null;
        if (colours.length === 256) return undefined;
        k = colours.length;
        colours.push(v);
        keys[slot] = v;
        slots[slot] = k;
      }
      if (end - x > 16) rows.fill(k, to + x, to + end);
      else for (let i = x; i < end; i++) rows[to + i] = k;
      x = end;
    }
  }
  return colours.length ? { rows, colours } : undefined;
}

function png(width: number, height: number, colourType: 2 | 3, chunks: Buffer[]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = colourType; // 2 RGB, 3 palette; compression, filter and interlace methods 0
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), ...chunks, chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(data.length + 12);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(zlib.crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
