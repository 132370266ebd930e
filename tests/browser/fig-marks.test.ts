import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { buildForBrowser, type BuiltSite } from './built-sites.ts';
import { serveStatic, type StaticServer } from './serve-static.ts';

interface Gap {
  figure: string;
  next: string;
  /** From the right edge of the figure's text to the left edge of the next character, in CSS px. */
  text: number;
  /** From the right edge of the figure's box (its tint) to the left edge of the next character. */
  box: number;
}

/**
 * For every figure followed by punctuation on the issue page (tests/fixtures/fig-marks): the gaps
 * between the figure and the character after it, measured from the browser's layout boxes.
 */
function punctuationGaps(page: Page): Promise<Gap[]> {
  return page.evaluate(() => {
    const gaps: Gap[] = [];
    for (const fig of document.querySelectorAll<HTMLElement>('.prose .fig')) {
      const after = fig.nextSibling;
      if (!(after instanceof Text) || !/^[,.’]/.test(after.data)) continue;
      const textRange = document.createRange();
      textRange.selectNodeContents(fig);
      const nextRange = document.createRange();
      nextRange.setStart(after, 0);
      nextRange.setEnd(after, 1);
      const nextLeft = nextRange.getBoundingClientRect().left;
      gaps.push({
        figure: fig.textContent ?? '',
        next: after.data[0]!,
        text: nextLeft - textRange.getBoundingClientRect().right,
        box: nextLeft - fig.getBoundingClientRect().right,
      });
    }
    return gaps;
  });
}

describe('figure marks against the punctuation that follows (tests/fixtures/fig-marks)', () => {
  let site: BuiltSite | undefined;
  let server: StaticServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    [site, browser] = await Promise.all([buildForBrowser('fig-marks'), launchChromium()]);
    server = await serveStatic(site.dist);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (site && process.env.TALLY_KEEP_SITES !== '1') fs.rmSync(site.root, { recursive: true, force: true });
  });

  for (const width of [360, 1280]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`leaves no gap wider than 1 px at ${width} px, ${colorScheme}`, async () => {
        const context = await browser!.newContext({ viewport: { width, height: 800 }, colorScheme });
        const page = await context.newPage();
        await page.goto(`${server!.url}/issues/marks/`);
        await page.evaluate(() => document.fonts.ready);
        const gaps = await punctuationGaps(page);
        await context.close();
        // The fixture writes <Fig />, <Fig />’s and <Fig />. in running prose, on lines of their own and in a list.
        expect(gaps.map((g) => `${g.figure}${g.next}`).sort()).toEqual(['57%,', '57%,', '57%,', '57%.', '57%.', '57%.', 'Google’', 'Google’', 'Google’']);
        const wide = gaps.filter((g) => Math.abs(g.text) > 1 || Math.abs(g.box) > 1);
        expect(wide, JSON.stringify(wide)).toEqual([]);
      });
    }
  }
});
