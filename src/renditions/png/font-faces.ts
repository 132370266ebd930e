/** A font file and the weight of its face (every face of the family is upright and of normal width). */
export interface FontFace {
  weight: number;
  file: string;
}

const NAMED: Record<string, number> = { normal: 400, bold: 700 };
/** `font-weight="600"`, `font-weight='bold'`: the only way this module reads a weight. */
const WEIGHT_ATTRIBUTE = /\bfont-weight\s*=\s*(["'])\s*([^"']*?)\s*\1/gi;

/**
 * The faces resvg needs to draw the SVG exactly as it would with all of `faces`: each face the
 * SVG's weights can match, and the regular one (text with no weight). resvg reads every font
 * file it is given for each drawing, about 340 kB a face: an email chart asks for two or three
 * faces of five. A weight the family lacks is matched by the nearest face lighter or heavier
 * (CSS font matching picks one of the two), so both are kept. An SVG that sets a weight any
 * other way (a style, a stylesheet, the `font` shorthand, `bolder`) gets every face.
 */
export function facesFor(svg: string, faces: readonly FontFace[]): string[] {
  if (/<style\b|\bfont\s*[:=]|font-weight\s*:/i.test(svg)) return faces.map((f) => f.file);
  const asked = new Set([400]);
  let attributes = 0;
  for (const [, , value] of svg.matchAll(WEIGHT_ATTRIBUTE)) {
    attributes++;
    const weight = NAMED[value!.toLowerCase()] ?? (/^\d+(\.\d+)?$/.test(value!) ? Number(value) : NaN);
    if (!(weight >= 1 && weight <= 1000)) return faces.map((f) => f.file);
    asked.add(weight);
  }
  // A weight written other than as an attribute this module reads (text that merely names it is rare and only costs time).
  if (attributes !== (svg.match(/font-weight/gi)?.length ?? 0)) return faces.map((f) => f.file);
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
