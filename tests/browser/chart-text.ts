import type { Page } from 'playwright-core';

export interface ChartTextSizes {
  /** How many chart <text> elements a reader sees (static SVGs shown, non-empty, not transparent). */
  count: number;
  min: number;
  median: number;
  /** The smallest text, for the failure message. */
  smallest: string;
}

/**
 * The screen size of every visible chart label, in CSS pixels: each <text>'s font size times the
 * scale of its screen transform (getScreenCTM), so a chart drawn wide and shrunk by CSS counts
 * as the size a reader sees, not the size it was drawn at.
 */
export async function chartTextSizes(page: Page): Promise<ChartTextSizes> {
  const sizes = await page.$$eval('figure.chart .chart-frame svg text', (texts) =>
    texts.flatMap((t) => {
      const el = t as SVGTextElement;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width < 1 || box.height < 1 || style.visibility === 'hidden' || Number(style.opacity) === 0 || !el.textContent?.trim()) return [];
      let shown: Element | null = el;
      while (shown && shown.tagName.toLowerCase() !== 'svg') shown = shown.parentElement;
      if (!shown || getComputedStyle(shown).display === 'none') return [];
      const m = el.getScreenCTM();
      if (!m) return [];
      const scale = Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
      return [{ px: parseFloat(style.fontSize) * scale, text: el.textContent.trim() }];
    }),
  );
  const px = sizes.map((s) => s.px).sort((a, b) => a - b);
  const smallest = sizes.find((s) => s.px === px[0]);
  const mid = px.length >> 1;
  return {
    count: px.length,
    min: px[0] ?? 0,
    median: px.length === 0 ? 0 : px.length % 2 ? px[mid]! : (px[mid - 1]! + px[mid]!) / 2,
    smallest: smallest ? `"${smallest.text}" at ${smallest.px.toFixed(2)}px` : '',
  };
}
