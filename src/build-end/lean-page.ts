/**
 * An issue page without what no build-end rendition uses: chart data tables, the dark chart
 * variants, and with `charts: 'none'` every chart SVG. A chart of many points is most of a
 * page's bytes, and parsing or indexing it was most of the build's end. The markup matched is
 * Chart.astro's own (`<svg class="chart-svg chart-svg--light|dark">`, `<details class="chart-data">`).
 */
export function leanIssueHtml(html: string, charts: 'light' | 'none'): string {
  const lean = html.replace(/<details class="chart-data"[\s\S]*?<\/details>/g, '');
  return charts === 'none'
    ? lean.replace(/<svg\b[^>]*class="chart-svg [^"]*"[\s\S]*?<\/svg>/g, '')
    : lean.replace(/<svg\b[^>]*class="chart-svg chart-svg--dark"[\s\S]*?<\/svg>/g, '');
}

/**
 * Takes each light chart SVG's content out of the page, leaving its empty root tag marked
 * `data-svg-index` (its position in `svgs`): the email draws the SVG from the text as it is,
 * and parsing 300 kB of path data into a DOM only to serialize it again was most of its cost.
 */
export function setAsideLightSvgs(html: string): { html: string; svgs: string[] } {
  const svgs: string[] = [];
  const out = html.replace(/(<svg\b[^>]*class="chart-svg chart-svg--light"[^>]*)>([\s\S]*?)<\/svg>/g, (_m, open: string, body: string) => {
    svgs.push(`${open}>${body}</svg>`);
    return `${open} data-svg-index="${svgs.length - 1}"></svg>`;
  });
  return { html: out, svgs };
}
