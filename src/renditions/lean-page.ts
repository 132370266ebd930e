import { PAGE_CLASS, PAGE_ID, PAGE_START_TAG } from '../core/page-markup.ts';

/** On a wide chart SVG set aside by setAsideWideSvgs: its position in `svgs`. */
export const SVG_INDEX_ATTR = 'data-svg-index';

/**
 * An issue page without what no build-end rendition uses: chart data tables, the narrow chart
 * layouts, and with `charts: 'none'` every chart SVG. A chart of many points is most of a
 * page's bytes, and parsing or indexing it was most of the build's end. The markup matched is
 * the start tags Chart.astro and build-chart.ts write (PAGE_START_TAG).
 */
export function leanIssueHtml(html: string | Uint8Array, charts: 'wide' | 'none'): string {
  // Cut as bytes, then decode what is left: decoding megabytes of path data only to drop them
  // cost more than the rest of the search index.
  const bytes = typeof html === 'string' ? Buffer.from(html) : Buffer.from(html.buffer, html.byteOffset, html.byteLength);
  const drop = charts === 'none' ? PAGE_START_TAG.anyChartSvg : PAGE_START_TAG.narrowChartSvg;
  const kept = cutRanges(bytes, PAGE_START_TAG.chartData, '</details>', () => true);
  return cutRanges(kept, '<svg', '</svg>', (open) => open.includes(drop)).toString('utf8');
}

/** Like cutElements, over bytes: the ranges kept, concatenated. */
function cutRanges(bytes: Buffer, start: string, end: string, pick: (open: string) => boolean): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  for (let i = bytes.indexOf(start); i >= 0; i = bytes.indexOf(start, i + start.length)) {
    if (i < from) continue;
    const tagEnd = bytes.indexOf('>', i);
    if (tagEnd < 0) break;
    if (!pick(bytes.toString('utf8', i, tagEnd + 1))) continue;
    const close = bytes.indexOf(end, tagEnd);
    if (close < 0) break;
    parts.push(bytes.subarray(from, i));
    from = close + end.length;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

/**
 * Takes each wide chart SVG's content out of the page, leaving its empty root tag marked
 * SVG_INDEX_ATTR (its position in `svgs`): the email draws the SVG from the text as it is,
 * and parsing 300 kB of path data into a DOM only to serialize it again was most of its cost.
 */
export function setAsideWideSvgs(html: string): { html: string; svgs: string[] } {
  const svgs: string[] = [];
  const out = cutElements(html, '<svg', '</svg>', (open) => open.includes(PAGE_START_TAG.wideChartSvg), (open, element) => {
    svgs.push(element);
    return `${open.slice(0, -1)} ${SVG_INDEX_ATTR}="${svgs.length - 1}"></svg>`;
  });
  return { html: out, svgs };
}

/**
 * Replaces each element whose start tag begins with `start` and passes `pick` (its whole start
 * tag), up to the next `end`, by `put(startTag, element)` (nothing by default). Found with
 * indexOf, not a lazy regular expression: pages are megabytes of SVG path data, and this runs
 * over every page of the archive. Chart SVGs hold no nested <svg>, and data tables no nested
 * <details>.
 */
function cutElements(html: string, start: string, end: string, pick: (open: string) => boolean, put: (open: string, element: string) => string = () => ''): string {
  let out = '';
  let from = 0;
  for (let i = html.indexOf(start); i >= 0; i = html.indexOf(start, i + start.length)) {
    if (i < from) continue;
    const tagEnd = html.indexOf('>', i);
    if (tagEnd < 0) break;
    const open = html.slice(i, tagEnd + 1);
    if (!pick(open)) continue;
    const close = html.indexOf(end, tagEnd);
    if (close < 0) break;
    out += html.slice(from, i) + put(open, html.slice(i, close + end.length));
    from = close + end.length;
  }
  return out + html.slice(from);
}

const ARTICLE_START = `<article class="${PAGE_CLASS.issue}"`;
const CORRECTIONS_START = `<section class="${PAGE_CLASS.corrections}"`;

/**
 * The page with only the issue's article and the corrections section after it in its <body>:
 * the email and the social card read nothing else, and the site's header, the "Sources and
 * method" section and the footer were about a third of what the email parsed. The page is
 * handed whole when the article is not found exactly once, when an element's end is not found,
 * or when a corrections section would be cut away (the layout put it elsewhere).
 */
export function issueArticleHtml(html: string): string {
  const start = html.indexOf(ARTICLE_START);
  if (start < 0 || html.indexOf(ARTICLE_START, start + 1) >= 0) return html;
  const bodyOpen = html.lastIndexOf('<body', start);
  const bodyOpenEnd = bodyOpen < 0 ? -1 : html.indexOf('>', bodyOpen) + 1;
  if (bodyOpenEnd <= 0 || bodyOpenEnd > start) return html;
  let end = elementEnd(html, 'article', start);
  const next = end < 0 ? -1 : html.indexOf('<', end);
  if (next >= 0 && html.startsWith(CORRECTIONS_START, next)) end = elementEnd(html, 'section', next);
  if (end < 0) return html;
  if ((html.slice(bodyOpenEnd, start) + html.slice(end)).includes(`id="${PAGE_ID.corrections}"`)) return html;
  return `${html.slice(0, bodyOpenEnd)}${html.slice(start, end)}</body></html>`;
}

/** The offset just past the end tag that closes the element `name` starting at `start` (elements of its name nested in it counted), or -1. */
function elementEnd(html: string, name: string, start: number): number {
  const tag = new RegExp(`<(/?)${name}(?=[\\s>/])`, 'g');
  tag.lastIndex = start;
  let depth = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) {
      const close = html.indexOf('>', m.index);
      return close < 0 ? -1 : close + 1;
    }
  }
  return -1;
}
