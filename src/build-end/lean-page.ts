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
