/** A font file and the weight of its face (every face of the family is upright and of normal width). */
export interface FontFace {
  weight: number;
  file: string;
}

const NAMED: Record<string, number> = { normal: 400, bold: 700 };
/** Every `font-weight`; the value only where it is an attribute (`font-weight="600"`, `='bold'`), the one form read here. */
const FONT_WEIGHT = /font-weight(?:\s*=\s*(["'])\s*([^"']*?)\s*\1)?/gi;

/**
 * The faces resvg needs to draw the SVG exactly as it would with all of `faces`: each face the
 * SVG's weights can match, and the regular one (text with no weight). resvg reads every font
 * file it is given for each drawing, about 340 kB a face: an email chart asks for two or three
 * faces of five. A weight the family lacks is matched by the nearest face lighter or heavier
 * (CSS font matching picks one of the two), so both are kept. An SVG that sets a weight any
 * other way (a style, a stylesheet, the `font` shorthand, `bolder`) gets every face; so does
 * one whose text merely names `font-weight` (rare, and it only costs time).
 */
export function facesFor(svg: string, faces: readonly FontFace[]): string[] {
  const all = () => faces.map((f) => f.file);
  if (/<style\b|\bfont\s*[:=]/i.test(svg)) return all();
  const asked = new Set([400]);
  for (const [, , value] of svg.matchAll(FONT_WEIGHT)) {
    const weight = value === undefined ? NaN : (NAMED[value.toLowerCase()] ?? (/^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN));
    if (!(weight >= 1 && weight <= 1000)) return all();
    asked.add(weight);
  }
  const weights = faces.map((f) => f.weight);
  const kept = new Set<number>();
  for (const w of asked) {
    if (weights.includes(w)) {
      kept.add(w);
      continue;
    }
    const lighter = Math.max(...weights.filter((x) => x < w));
    const heavier = Math.min(...weights.filter((x) => x > w));
    if (Number.isFinite(lighter)) kept.add(lighter);
    if (Number.isFinite(heavier)) kept.add(heavier);
  }
  return faces.filter((f) => kept.has(f.weight)).map((f) => f.file);
}
