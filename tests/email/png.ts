import zlib from 'node:zlib';

/** A decoded 8-bit PNG: size, colour type, whether every pixel is opaque, and its pixels as RGBA (RGB, RGBA and palette files). */
export interface PngInfo {
  width: number;
  height: number;
  colorType: number;
  opaque: boolean;
  rgba?: Buffer | undefined;
}

/**
 * Reads a PNG for tests: IHDR for the size, then the image data inflated and unfiltered, to
 * check the alpha channel (a chart on a transparent background vanishes in dark-mode mail) and
 * to compare pictures pixel by pixel whatever their encoding.
 */
export function readPng(bytes: Buffer): PngInfo {
  if (!bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG (magic bytes)');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const depth = bytes[24]!;
  const colorType = bytes[25]!;
  const idat: Buffer[] = [];
  let plte: Buffer | undefined;
  let trns = false;
  for (let at = 8; at < bytes.length; ) {
    const len = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + len));
    if (type === 'PLTE') plte = bytes.subarray(at + 8, at + 8 + len);
    if (type === 'tRNS') trns = true;
    at += 12 + len;
  }
  if (depth !== 8 || (colorType !== 6 && colorType !== 2 && colorType !== 3)) return { width, height, colorType, opaque: colorType === 2 };
  if (colorType === 3 && !plte) throw new Error('a palette PNG without PLTE');
  const bpp = colorType === 6 ? 4 : colorType === 3 ? 1 : 3;
  let opaque = !trns;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  let prev = Buffer.alloc(stride);
  const rgba = Buffer.alloc(width * height * 4, 255);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? line[x - bpp]! : 0;
      const b = prev[x]!;
      const c = x >= bpp ? prev[x - bpp]! : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter]!;
      line[x] = (line[x]! + predictor) & 0xff;
    }
    for (let x = 0, o = y * width * 4; x < stride; x += bpp, o += 4) {
      if (colorType === 3) {
        if (line[x]! * 3 >= plte!.length) throw new Error(`palette index ${line[x]} past the palette`);
        plte!.copy(rgba, o, line[x]! * 3, line[x]! * 3 + 3);
      } else line.copy(rgba, o, x, x + bpp);
      if (bpp === 4 && line[x + 3] !== 255) opaque = false;
    }
    prev = line;
  }
  return { width, height, colorType, opaque, rgba };
}
