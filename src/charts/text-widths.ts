/**
 * Text widths for laying charts out in Node, where Vega has no canvas to measure with and would
 * guess 0.8 em for every character: labels took a third more room than they need, and were cut
 * short ("Leisure and hospita…") where they fit. Advance widths of Inter (the theme's first font,
 * and wider than the fallbacks after it), in thousandths of an em, read from the Inter 400 and
 * 600 TTFs of @expo-google-fonts/inter for the characters below; any other character counts as
 * 0.6 em (1 em from the CJK blocks on). A reader without Inter gets a fallback: Arial, Roboto and
 * Helvetica run narrower, DejaVu Sans (Linux) up to 7% wider, so every width counts 8% more.
 */
const FALLBACK_MARGIN = 1.08;
const CHARS = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~–—…×÷·’‘“”€£¥°±−≤≥";
const REGULAR = [281, 288, 466, 633, 642, 982, 644, 300, 365, 365, 501, 662, 288, 460, 288, 360, 631, 407, 610, 618, 646, 593, 620, 566, 619, 620, 288, 302, 662, 662, 662, 511, 966, 690, 654, 730, 722, 601, 590, 746, 743, 269, 571, 672, 565, 903, 753, 765, 639, 765, 644, 642, 646, 744, 690, 985, 682, 679, 629, 365, 360, 365, 471, 456, 323, 562, 612, 571, 612, 583, 370, 613, 591, 242, 242, 549, 242, 876, 591, 600, 612, 612, 376, 528, 327, 591, 562, 818, 546, 562, 552, 426, 333, 426, 662, 500, 1000, 864, 662, 662, 288, 261, 261, 440, 440, 667, 611, 550, 456, 662, 662, 662, 662];
const SEMIBOLD = [252, 321, 523, 644, 650, 1004, 663, 326, 373, 373, 540, 673, 319, 465, 319, 379, 660, 423, 623, 636, 666, 612, 640, 576, 640, 640, 319, 329, 673, 673, 673, 543, 999, 728, 659, 737, 722, 605, 588, 749, 746, 277, 580, 703, 565, 922, 759, 769, 645, 773, 652, 650, 660, 736, 728, 1020, 720, 713, 652, 373, 379, 373, 481, 469, 351, 574, 624, 583, 624, 591, 389, 625, 612, 262, 262, 569, 262, 900, 612, 609, 624, 624, 397, 549, 353, 612, 587, 839, 569, 588, 566, 455, 359, 455, 673, 500, 1000, 956, 673, 673, 319, 294, 294, 507, 501, 679, 629, 563, 458, 673, 673, 673, 673];

const regular = new Map([...CHARS].map((c, i) => [c, REGULAR[i]!]));
const semibold = new Map([...CHARS].map((c, i) => [c, SEMIBOLD[i]!]));

/** The width of `text` in px at `fontSize`, in Inter (semibold when `bold`). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  const table = bold ? semibold : regular;
  let em = 0;
  for (const c of text) em += table.get(c) ?? ((c.codePointAt(0) ?? 0) >= 0x2e80 ? 1000 : 600);
  return (em / 1000) * fontSize * FALLBACK_MARGIN;
}

interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
  limit?: number;
}

/** Vega's text measurer (vega-scenegraph's textMetrics), the part replaced here. */
export interface TextMetrics {
  width: (item: TextItem, text: unknown) => number;
}

/**
 * Makes Vega lay text out with these widths (the build; the browser's live view should too, so
 * both draw the same). A label longer than its limit counts as the limit: Vega cuts it to fit
 * with an ellipsis (its truncation asks this same function, and compares with less than the
 * limit), and the axis reserves only the room the cut label takes.
 */
export function installTextWidths(metrics: TextMetrics): void {
  metrics.width = (item, text) => {
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const line = text == null ? '' : String(text).trim();
    const weight = item.fontWeight === 'bold' ? 700 : Number(item.fontWeight) || 400;
    const w = textWidth(line, size, weight >= 600);
    return item.limit && item.limit > 0 ? Math.min(w, item.limit) : w;
  };
}
