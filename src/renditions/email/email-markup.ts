/**
 * The email's own markup: the classes EMAIL_CSS styles and the attribute that finds a chart
 * block again for the plain-text part. emailDocument removes them all after inlining. Some share
 * a name with the issue page's classes (core/page-markup.ts) but are not that contract: the
 * email writes them, nothing reads them from the page.
 */
export const EMAIL_CLASS = {
  dek: 'dek',
  chart: 'chart',
  chartTitle: 'chart-title',
  chartDesc: 'chart-desc',
  chartImg: 'chart-img',
  chartSource: 'chart-source',
  chartLink: 'chart-link',
} as const;

/** On a chart block: the chart's id. */
export const EMAIL_CHART_ATTR = 'data-chart';
