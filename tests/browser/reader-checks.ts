import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { watchPage, type Mirror, type PageProblems } from './page-watch.ts';

/** Every wait in these tests is bounded: a broken page fails in seconds, not at the suite's timeout. */
export const WAIT_MS = 15_000;

export interface OpenedPage {
  page: Page;
  watch: PageProblems;
  close(): Promise<void>;
}

/** Opens a route of the served site in a fresh context, watching for errors, and waits until the network is quiet. */
export async function openPage(browser: Browser, url: string, options: BrowserContextOptions = {}, mirror?: Mirror): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  const watch = await watchPage(page, mirror);
  await page.goto(url, { waitUntil: 'networkidle', timeout: WAIT_MS });
  return { page, watch, close: () => context.close() };
}

/** The rendered size of the chart image a reader sees in each figure (static or live). */
export async function visibleChartSizes(page: Page): Promise<{ id: string; width: number; height: number }[]> {
  return page.$$eval('figure.chart', (figures) =>
    figures.map((f) => {
      const shown = [...f.querySelectorAll('.chart-frame svg')].filter((s) => {
        const r = s.getBoundingClientRect();
        return getComputedStyle(s).display !== 'none' && r.width > 1 && r.height > 1;
      });
      const r = shown[0]?.getBoundingClientRect();
      return { id: f.id, width: Math.round(r?.width ?? 0), height: Math.round(r?.height ?? 0) };
    }),
  );
}

/** The computed fill of the first axis label of the static chart shown in the first figure. */
export async function staticLabelFill(page: Page): Promise<string> {
  return page.$eval('figure.chart', (f) => {
    const shown = [...f.querySelectorAll<SVGSVGElement>('.chart-frame > svg')].find((s) => getComputedStyle(s).display !== 'none');
    const label = shown?.querySelector('.role-axis-label text');
    return label ? getComputedStyle(label).fill : '';
  });
}

/** Brings a figure into view and points at it, then waits for its interactive view. */
export async function goLive(figure: Locator): Promise<void> {
  await figure.scrollIntoViewIfNeeded();
  await figure.hover({ position: { x: 5, y: 5 } });
  await figure.locator('.chart-live svg').waitFor({ state: 'attached', timeout: WAIT_MS });
  await figure.page().waitForFunction((id) => document.getElementById(id)?.classList.contains('chart--live'), (await figure.getAttribute('id')) ?? '');
}

/**
 * Points at the marks of a live chart (hover points of lines, bars, symbols) one after another,
 * from the middle out, until vega-tooltip shows its element; returns the tooltip's text, or ''
 * when no mark showed one.
 */
export async function tooltipOf(figure: Locator): Promise<string> {
  const page = figure.page();
  const marks = figure.locator('.chart-live :is(.mark-symbol, .mark-rect) path');
  const n = await marks.count();
  const order = [...Array(n).keys()].sort((a, b) => Math.abs(a - n / 2) - Math.abs(b - n / 2)).slice(0, 6);
  const tip = page.locator('#vg-tooltip-element.visible');
  for (const i of order) {
    const box = await marks.nth(i).boundingBox();
    if (!box) continue;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    try {
      await tip.waitFor({ state: 'visible', timeout: 1500 });
      return (await tip.innerText()).replace(/\s+/g, ' ').trim();
    } catch {
      // Another mark lay on top of this one: try the next.
    }
  }
  return '';
}

/** Relative luminance (WCAG) of a computed CSS colour "rgb(r, g, b)". */
export function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The page's background and text colours as a reader sees them. */
export async function pageColours(page: Page): Promise<{ background: number; text: number }> {
  const [bg, fg] = await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]);
  return { background: luminance(bg!), text: luminance(fg!) };
}
