import path from 'node:path';
import { escapeHtml } from '../../core/escape.ts';
import { interFontFiles } from '../png/inter-fonts.ts';
import { readFontMetrics, type FontMetrics } from './font-metrics.ts';
import { wrapText } from './wrap-text.ts';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/** What a social card shows; every string is untrusted text from the issue. */
export interface CardText {
  siteName: string;
  tagline: string;
  title: string;
  date: string;
  /** The headline figure, or the summary when the issue names none. */
  headline?: { value: string; description: string; illustrative: boolean } | undefined;
  summary: string;
}

const X = 80;
const WIDTH = CARD_WIDTH - 2 * X;
const C = { bg: '#fbfaf7', fg: '#1c1f24', muted: '#5b616b', accent: '#1f6f8b', rule: '#e2e0da' };

let fonts: Record<'regular' | 'bold' | 'extra', FontMetrics> | undefined;
function metrics(): NonNullable<typeof fonts> {
  const byName = (w: string) => readFontMetrics(interFontFiles().find((f) => path.basename(f).includes(w))!);
  fonts ??= { regular: byName('400Regular'), bold: byName('700Bold'), extra: byName('800ExtraBold') };
  return fonts;
}

/**
 * The 1200x630 Open Graph card as SVG: site name and date, the title (bold, up to three lines,
 * two beside a headline figure), then the headline figure large with its description, or the
 * summary. Lines are measured with Inter's own advance widths, so they never run off the card.
 */
export function cardSvg(raw: CardText): string {
  const card = sanitized(raw);
  const f = metrics();
  const out: string[] = [];
  const text = (x: number, y: number, size: number, weight: number, fill: string, s: string, anchor = 'start') =>
    out.push(`<text x="${x}" y="${y}" font-family="Inter" font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="${anchor}">${escapeHtml(s)}</text>`);

  const name = oneLine(card.siteName, 40, f.extra, 500);
  text(X, 112, 40, 800, C.fg, name);
  text(X + f.extra.width(name, 40) + 18, 112, 26, 400, C.muted, oneLine(card.tagline, 26, f.regular, 420));
  text(CARD_WIDTH - X, 112, 26, 400, C.muted, oneLine(card.date, 26, f.regular, 260), 'end');
  out.push(`<rect x="${X}" y="142" width="${WIDTH}" height="2" fill="${C.rule}"/>`);

  const h = card.headline;
  const titleSize = 60;
  const title = wrapText(card.title, WIDTH, h ? 2 : 3, (s) => f.bold.width(s, titleSize));
  title.forEach((line, i) => text(X, 228 + i * 72, titleSize, 700, C.fg, line));
  const below = 228 + (title.length - 1) * 72;

  if (h) {
    const value = oneLine(h.value, 1, f.extra, WIDTH);
    const size = Math.min(120, Math.floor(WIDTH / Math.max(f.extra.width(value, 1), 0.01)));
    const valueY = Math.max(below + 40 + size * 0.75, 440);
    text(X, valueY, size, 800, C.accent, value);
    const desc = wrapText(h.description, WIDTH, 2, (s) => f.regular.width(s, 30));
    desc.forEach((line, i) => text(X, valueY + 52 + i * 40, 30, 400, C.muted, line));
    if (h.illustrative) text(CARD_WIDTH - X, CARD_HEIGHT - 36, 22, 400, C.muted, 'Illustrative data', 'end');
  } else {
    const summary = wrapText(card.summary, WIDTH, 3, (s) => f.regular.width(s, 34));
    summary.forEach((line, i) => text(X, below + 80 + i * 46, 34, 400, C.muted, line));
  }

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">`,
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="${C.bg}"/>`,
    `<rect width="16" height="${CARD_HEIGHT}" fill="${C.accent}"/>`,
    ...out,
    '</svg>',
  ].join('\n');
}

/** Text cut with an ellipsis to one line of `maxWidth` px at `size`. */
function oneLine(s: string, size: number, font: FontMetrics, maxWidth: number): string {
  return wrapText(s, maxWidth, 1, (t) => font.width(t, size))[0] ?? '';
}

/** Every string without the control characters XML 1.0 forbids (titles are untrusted), before it is measured. */
function sanitized(card: CardText): CardText {
  const s = (t: string) => t.replace(/[\u0000-\u001f\u007f\ufffe\uffff]/g, ' ').replace(/\s+/g, ' ').trim();
  const h = card.headline;
  return {
    siteName: s(card.siteName),
    tagline: s(card.tagline),
    title: s(card.title),
    date: s(card.date),
    summary: s(card.summary),
    headline: h && { value: s(h.value), description: s(h.description), illustrative: h.illustrative },
  };
}
