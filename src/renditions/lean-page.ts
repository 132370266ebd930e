import { PAGE_START_TAG } from '../core/page-markup.ts';

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
