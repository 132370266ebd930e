import fs from 'node:fs';

/** Advance widths of a TrueType font, enough to measure a line of text for wrapping. */
export interface FontMetrics {
  /** Width of `text` at `size` px, without kerning (so slightly generous). */
  width(text: string, size: number): number;
}

/** Width of a character the font lacks, in em: resvg draws nothing for it, but leave room. */
const MISSING_EM = 0.6;

/**
 * Reads the `cmap` (format 12 or 4, Unicode) and `hmtx` tables of a TTF. Measuring with the
 * font the PNG is drawn with keeps wrapped lines inside the card without guessing.
 */
export function readFontMetrics(file: string): FontMetrics {
  const b = fs.readFileSync(file);
  const tables = new Map<string, number>();
  for (let i = 0, n = b.readUInt16BE(4); i < n; i++) tables.set(b.toString('latin1', 12 + 16 * i, 16 + 16 * i), b.readUInt32BE(20 + 16 * i));
  const at = (tag: string) => tables.get(tag) ?? badFont(file, tag);
  const unitsPerEm = b.readUInt16BE(at('head') + 18);
  const hMetrics = b.readUInt16BE(at('hhea') + 34);
  const hmtx = at('hmtx');
  const glyphOf = cmapLookup(b, at('cmap'), file);
  const advance = (glyph: number) => b.readUInt16BE(hmtx + 4 * Math.min(glyph, hMetrics - 1));
  const cache = new Map<number, number>();
  const em = (cp: number): number => {
    let w = cache.get(cp);
    if (w === undefined) {
      const g = glyphOf(cp);
      w = g ? advance(g) / unitsPerEm : MISSING_EM;
      cache.set(cp, w);
    }
    return w;
  };
  return {
    width(text, size) {
      let total = 0;
      for (const ch of text) total += em(ch.codePointAt(0)!);
      return total * size;
    },
  };
}

function cmapLookup(b: Buffer, cmap: number, file: string): (cp: number) => number {
  const subtables = Array.from({ length: b.readUInt16BE(cmap + 2) }, (_, i) => cmap + b.readUInt32BE(cmap + 8 + 8 * i));
  const full = subtables.find((s) => b.readUInt16BE(s) === 12);
  if (full) {
    const groups = b.readUInt32BE(full + 12);
    return (cp) => {
      for (let i = 0; i < groups; i++) {
        const g = full + 16 + 12 * i;
        const start = b.readUInt32BE(g);
        if (cp >= start && cp <= b.readUInt32BE(g + 4)) return b.readUInt32BE(g + 8) + cp - start;
      }
      return 0;
    };
  }
  const bmp = subtables.find((s) => b.readUInt16BE(s) === 4) ?? badFont(file, 'cmap format 4 or 12');
  const segs = b.readUInt16BE(bmp + 6) / 2;
  const ends = bmp + 14;
  const starts = ends + 2 * segs + 2;
  const deltas = starts + 2 * segs;
  const offsets = deltas + 2 * segs;
  return (cp) => {
    for (let i = 0; i < segs; i++) {
      if (cp > b.readUInt16BE(ends + 2 * i)) continue;
      const start = b.readUInt16BE(starts + 2 * i);
      if (cp < start) return 0;
      const ro = b.readUInt16BE(offsets + 2 * i);
      const delta = b.readInt16BE(deltas + 2 * i);
      if (ro === 0) return (cp + delta) & 0xffff;
      const g = b.readUInt16BE(offsets + 2 * i + ro + 2 * (cp - start));
      return g ? (g + delta) & 0xffff : 0;
    }
    return 0;
  };
}

function badFont(file: string, what: string): never {
  throw new Error(`${file} is not a TrueType font Tally can measure (no ${what} table)`);
}
