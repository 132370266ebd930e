import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { cardSvg, type CardText } from '../../src/renditions/og/card-svg.ts';
import { interFontFiles } from '../../src/renditions/png/inter-fonts.ts';
import { readFontMetrics } from '../../src/renditions/og/font-metrics.ts';
import { pngSize, svgToPng } from '../../src/renditions/png/svg-to-png.ts';

const base: CardText = {
  siteName: 'Tally',
  tagline: 'Markets, by the numbers',
  title: 'The Great Rotation',
  date: 'January 22, 2026',
  summary: 'Small caps have beaten large caps every session of 2026 so far.',
  headline: { value: '13', description: 'Trading sessions in a row', illustrative: true },
};

const texts = (svg: string) => {
  const $ = load(svg, { xml: true });
  return $('text').toArray().map((t) => ({ text: $(t).text(), x: Number($(t).attr('x')), size: Number($(t).attr('font-size')), weight: $(t).attr('font-weight'), anchor: $(t).attr('text-anchor') }));
};

describe('the social card template', () => {
  it('shows the site name, date, title, headline value and description', () => {
    const shown = texts(cardSvg(base)).map((t) => t.text);
    expect(shown).toEqual(['Tally', 'Markets, by the numbers', 'January 22, 2026', 'The Great Rotation', '13', 'Trading sessions in a row', 'Illustrative data']);
  });

  it('shows the summary when the issue names no headline figure', () => {
    const shown = texts(cardSvg({ ...base, headline: undefined })).map((t) => t.text);
    expect(shown).toContain('Small caps have beaten large caps every session of 2026 so far.');
    expect(shown).not.toContain('13');
  });

  it('escapes untrusted titles and drops characters XML forbids', () => {
    const title = 'A </text><script>alert(1)</script> & "quotes" \u0001 end';
    const svg = cardSvg({ ...base, title });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('\u0001');
    expect(texts(svg).filter((t) => t.size === 60).map((t) => t.text).join(' ')).toBe('A </text><script>alert(1)</script> & "quotes" end');
  });

  it('wraps a long title into two lines beside a headline, each inside the card, with an ellipsis', () => {
    const title = 'An extraordinarily long issue title that keeps going well past any sensible length for a social card, really';
    const lines = texts(cardSvg({ ...base, title })).filter((t) => t.size === 60);
    expect(lines.length).toBe(2);
    expect(lines[1]!.text.endsWith('…')).toBe(true);
    const bold = readFontMetrics(interFontFiles().find((f) => f.includes('700Bold'))!);
    for (const l of lines) expect(l.x + bold.width(l.text, 60)).toBeLessThanOrEqual(1120);
  });

  it('shrinks a wide headline value to the card width', () => {
    const value = '1,234,567,890,123 widgets';
    const t = texts(cardSvg({ ...base, headline: { ...base.headline!, value } })).find((x) => x.text === value)!;
    const extra = readFontMetrics(interFontFiles().find((f) => f.includes('800ExtraBold'))!);
    expect(t.size).toBeLessThan(120);
    expect(t.x + extra.width(value, t.size)).toBeLessThanOrEqual(1120);
  });

  it('renders to a 1200x630 PNG with resvg', async () => {
    const { png } = await svgToPng(cardSvg({ ...base, title: 'Ünïcödé — “quoted” & <tagged>' }), 1);
    expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
  });
});

describe('Inter metrics', () => {
  it('measures wide letters wider than narrow ones, and scales with size', () => {
    const m = readFontMetrics(interFontFiles()[0]!);
    expect(m.width('WWWW', 10)).toBeGreaterThan(m.width('iiii', 10));
    expect(m.width('Tally', 20)).toBeCloseTo(2 * m.width('Tally', 10), 6);
    expect(m.width('', 10)).toBe(0);
  });
});
