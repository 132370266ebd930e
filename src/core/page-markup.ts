/**
 * The contract between the built issue page and its renditions. The page is written by
 * src/pages/issues/[slug].astro, Chart.astro, Fig.astro and the chart SVGs of build-chart.ts;
 * the feed, the email, the social card, the search index and the browser's chart loader read
 * that HTML back by these class names and data attributes. Writers and readers import them
 * from here, so a name changes for both at once; tests/renditions/page-markup.test.ts fails on
 * a name typed out anywhere else in src/.
 */

/** Class names of the issue page that some reader relies on. */
export const PAGE_CLASS = {
  /** `<article>`: the issue, its header and its prose. */
  issue: 'issue',
  /** The summary under the title (email and card: the summary). */
  dek: 'dek',
  /** Byline, date and as-of date (email: the byline; card: the date in its `<time>`). */
  issueMeta: 'issue-meta',
  /** `<div>`: the MDX body, all a feed item or an email carries. */
  prose: 'prose',
  /** `<span>` of one figure (Fig.astro). */
  fig: 'fig',
  /** `<figure>` of one chart (Chart.astro); its `id` names the chart's PNG. */
  chart: 'chart',
  chartTitle: 'chart-title',
  chartSubtitle: 'chart-subtitle',
  chartDesc: 'chart-desc',
  /** The box holding the chart's SVGs, one per layout (the browser's live chart goes in it too). */
  chartFrame: 'chart-frame',
  /** A frame whose narrow drawing is wider than a phone: it scrolls sideways there. */
  chartFrameScroll: 'chart-frame--scroll',
  /** `<p>`: "Source: ...". */
  chartSource: 'chart-source',
  /** `<details>`: the chart's data table. */
  chartData: 'chart-data',
  /** Every chart SVG root, with one of the two layout classes below; CSS shows the one that fits. */
  chartSvg: 'chart-svg',
  /** Drawn for the issue's column (email, print and search read this one). */
  chartSvgWide: 'chart-svg--wide',
  /** Drawn for a phone's width. */
  chartSvgNarrow: 'chart-svg--narrow',
  /** `<section id="corrections">` after the article: the issue's corrections (email: after the prose). */
  corrections: 'corrections',
  /** `<li>` of one correction, its `id` `correction-<n>`. */
  correction: 'correction',
  /** `<sup>` after a corrected figure's `.fig`, linking to its correction. */
  correctionMark: 'correction-mark',
} as const;

/** Element ids of the issue page that some reader or link relies on. */
export const PAGE_ID = {
  /** The corrections section; a correction is `correction-<n>` (lock/corrections.ts numbers them). */
  corrections: 'corrections',
} as const;

/** Data attributes of the issue page that some reader relies on. */
export const PAGE_ATTR = {
  /** On a `.fig`: the figure's name (the card finds its `headline:` figure by it). */
  figure: 'data-figure',
  /** On the article: the front matter's `headline:` as readers see it (the card's large value). */
  headlineText: 'data-headline-text',
  /**
   * On a `.fig`: "description. Source: ...". The accessible description is also what the hover
   * and focus note shows (CSS `attr()`), so the page writes the note once.
   */
  note: 'aria-description',
  /** On a `.fig` (empty value): computed from illustrative data; feed and email mark it with `*`. */
  illustrative: 'data-illustrative',
  /** On a chart figure: its spec file, named when drawing its PNG fails. */
  spec: 'data-spec',
  /** On a chart figure: the address of its spec JSON for the interactive view. */
  chartSpec: 'data-chart-spec',
  /** On the article: the only part Pagefind indexes. */
  pagefindBody: 'data-pagefind-body',
  /** On a part of the article search must skip (notices, sources and method). */
  pagefindIgnore: 'data-pagefind-ignore',
} as const;

/** The layout of a chart SVG (the charts layer's LayoutName). */
export type ChartSvgLayout = 'wide' | 'narrow';

/** The `class` value of a chart SVG root, as accessibleSvg writes it: `chart-svg chart-svg--wide`. */
export function chartSvgClass(layout: ChartSvgLayout): string {
  return `${PAGE_CLASS.chartSvg} ${layout === 'wide' ? PAGE_CLASS.chartSvgWide : PAGE_CLASS.chartSvgNarrow}`;
}

/** CSS selectors over the names, for the readers that parse the page (cheerio, the DOM). */
export const PAGE_SELECTOR = {
  article: `article.${PAGE_CLASS.issue}`,
  dek: `.${PAGE_CLASS.dek}`,
  issueMeta: `.${PAGE_CLASS.issueMeta}`,
  /** The issue's date (the first `<time>` of its byline). */
  issueDate: `.${PAGE_CLASS.issueMeta} time`,
  prose: `.${PAGE_CLASS.prose}`,
  fig: `.${PAGE_CLASS.fig}`,
  /** Any element naming a figure. */
  namedFigure: `[${PAGE_ATTR.figure}]`,
  chart: `figure.${PAGE_CLASS.chart}`,
  /** A chart figure that has an interactive view to load. */
  liveChart: `figure.${PAGE_CLASS.chart}[${PAGE_ATTR.chartSpec}]`,
  chartTitle: `.${PAGE_CLASS.chartTitle}`,
  chartSubtitle: `.${PAGE_CLASS.chartSubtitle}`,
  chartDesc: `.${PAGE_CLASS.chartDesc}`,
  chartSource: `.${PAGE_CLASS.chartSource}`,
  chartFrame: `.${PAGE_CLASS.chartFrame}`,
  chartSvgWide: `svg.${PAGE_CLASS.chartSvgWide}`,
  /** The corrections section, outside the article. */
  corrections: `section#${PAGE_ID.corrections}`,
  correctionMark: `sup.${PAGE_CLASS.correctionMark}`,
} as const;

/**
 * Start-tag text exactly as the page writes it, for lean-page.ts, which cuts the page as bytes
 * with indexOf (no parser): a data table's class comes right after its tag name, and a chart
 * SVG's class attribute is written whole, as Chart.astro and accessibleSvg put them.
 */
export const PAGE_START_TAG = {
  /** A chart's data table, up to its `</details>`. */
  chartData: `<details class="${PAGE_CLASS.chartData}"`,
  /** Found in the start tag of any chart SVG. */
  anyChartSvg: `class="${PAGE_CLASS.chartSvg} `,
  wideChartSvg: `class="${chartSvgClass('wide')}"`,
  narrowChartSvg: `class="${chartSvgClass('narrow')}"`,
} as const;
