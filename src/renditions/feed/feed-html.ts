import { escapeHtml } from '../../core/escape.ts';
import { PAGE_ATTR, PAGE_CLASS } from '../../core/page-markup.ts';

/**
 * Where the email/feed chart PNGs live: `/email/charts/<chart-id>.png`, where <chart-id> is the
 * `id` of the chart's figure on the issue page. The email renderer writes them.
 */
export function chartImagePath(chartId: string): string {
  return `/email/charts/${encodeURIComponent(chartId)}.png`;
}

// The page's markup names (no regular-expression characters in them) in the patterns.
const CHART = new RegExp(`<figure\\b[^>]*\\bclass="${PAGE_CLASS.chart}(?:\\s[^"]*)?"[^>]*>[\\s\\S]*?<\\/figure>`, 'g');
const FIG = new RegExp(`<span\\b[^>]*\\bclass="${PAGE_CLASS.fig}(?:\\s[^"]*)?"[^>]*>([^<]*)<\\/span>`, 'g');
const ILLUSTRATIVE = new RegExp(`\\s${PAGE_ATTR.illustrative}[\\s=>]`);
const HOVER_ATTRIBUTES = new RegExp(`\\s(?:data-astro-cid-\\w+|${PAGE_ATTR.note}="[^"]*"|tabindex="[^"]*")`, 'g');

/** A feed item's body: its HTML, and whether any figure in it is computed from illustrative data. */
export interface FeedHtml {
  html: string;
  illustrative: boolean;
}

/**
 * An issue body as feed readers want it: figures as plain text (a `*` on illustrative ones),
 * each chart as a PNG with its description as alt text, every URL absolute, and no script,
 * SVG, style or hover-note attributes. `pageUrl` is the absolute URL.
 */
export function toFeedHtml(html: string, pageUrl: URL): FeedHtml {
  let illustrative = false;
  let out = html.replace(CHART, (figure) => chartAsImage(figure, pageUrl));
  out = out.replace(FIG, (span, text: string) => {
    const mark = ILLUSTRATIVE.test(span);
    illustrative ||= mark;
    return mark ? `${text}<sup>*</sup>` : text;
  });
  out = out
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<style\b[\s\S]*?<\/style>/gi, '')
    .replace(/<svg\b[\s\S]*?<\/svg>/gi, '')
    .replace(HOVER_ATTRIBUTES, '')
    .replace(/\s(href|src)="([^"]*)"/g, (_m, attr: string, url: string) => ` ${attr}="${absolute(url, pageUrl)}"`);
  return { html: out.trim(), illustrative };
}

/** `<figure><img alt="description"><figcaption>title</figcaption></figure>` for one chart figure. */
function chartAsImage(figure: string, pageUrl: URL): string {
  const id = /\bid="([^"]+)"/.exec(figure)?.[1];
  if (!id) return '';
  const title = textOf(figure, PAGE_CLASS.chartTitle);
  const desc = textOf(figure, PAGE_CLASS.chartDesc) || title;
  const source = textOf(figure, PAGE_CLASS.chartSource, 'p');
  const src = new URL(chartImagePath(id), pageUrl).href;
  const caption = [title, source].filter(Boolean).map(escapeHtml).join('. ');
  return `<figure><img src="${escapeHtml(src)}" alt="${escapeHtml(desc)}" /><figcaption>${caption}</figcaption></figure>`;
}

/** The decoded text of the first `<tag class="cls">` in `html`. */
function textOf(html: string, cls: string, tag = 'span'): string {
  const m = new RegExp(`<${tag}\\b[^>]*\\bclass="${cls}"[^>]*>([\\s\\S]*?)</${tag}>`).exec(html);
  return m ? decode(m[1]!.replace(/<[^>]+>/g, '')).trim() : '';
}

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|#39);/gi, (_m, e: string) => {
    const k = e.toLowerCase();
    if (k.startsWith('#x')) return String.fromCodePoint(parseInt(k.slice(2), 16));
    if (k.startsWith('#')) return String.fromCodePoint(Number(k.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[k] ?? '';
  });
}

/** A URL as written in the page, made absolute against the page; anchors and mailto: kept usable. */
function absolute(url: string, pageUrl: URL): string {
  try {
    return escapeHtml(new URL(decode(url), pageUrl).href);
  } catch {
    return url;
  }
}
