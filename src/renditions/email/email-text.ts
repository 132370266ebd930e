import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { EmailChart } from './email-charts.ts';
import { EMAIL_CHART_ATTR, EMAIL_CLASS } from './email-markup.ts';

const BLOCKS = new Set(['p', 'div', 'section', 'article', 'header', 'footer', 'aside', 'figure', 'figcaption', 'blockquote', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'table', 'tr', 'hr', 'dl', 'dt', 'dd']);

/**
 * The plain-text part of the email, from the prose already made email-safe by toEmailBody:
 * one paragraph a block, headings underlined, list items with a dash or their number, links as
 * "text (url)", and each chart as "[Chart: title — description] <png url>". Lines are not
 * hard-wrapped (the sender's mail software encodes long lines), so a figure is never split.
 */
export function toEmailText($: CheerioAPI, prose: Cheerio<Element>, charts: ReadonlyMap<string, EmailChart>): string[] {
  const out: string[] = [];
  const walk = (nodes: AnyNode[], prefix: string): void => {
    let inline = '';
    const flush = () => {
      const text = inline.replace(/[ \t\r\n]+/g, ' ').trim();
      if (text) out.push(prefix + text);
      inline = '';
    };
    for (const node of nodes) {
      if (node.type === 'text') inline += node.data;
      if (node.type !== 'tag') continue;
      const chartId = node.attribs[EMAIL_CHART_ATTR];
      const chart = chartId === undefined ? undefined : charts.get(chartId);
      if (chart) {
        flush();
        out.push(chartLine(chart), chart.source, `View the data on the web: ${$(node).find(`.${EMAIL_CLASS.chartLink} a`).attr('href') ?? ''}`);
      } else if (!BLOCKS.has(node.name)) inline += inlineText($, node);
      else {
        flush();
        block($, node, prefix, walk, out);
      }
    }
    flush();
  };
  walk(prose.contents().toArray(), '');
  return out.filter((b) => b.trim() !== '');
}

/** "[Chart: title — description] <url>": what a plain-text reader gets instead of the image. */
export function chartLine(chart: EmailChart): string {
  return `[Chart: ${chart.title}${chart.description ? ` — ${chart.description}` : ''}] <${chart.src}>`;
}

function block($: CheerioAPI, el: Element, prefix: string, walk: (n: AnyNode[], p: string) => void, out: string[]): void {
  const text = () => inlineText($, el).replace(/\s+/g, ' ').trim();
  if (/^h[1-6]$/.test(el.name)) {
    const t = text();
    if (t) out.push(`${prefix}${t}\n${prefix}${(el.name === 'h1' ? '=' : '-').repeat(Math.min(t.length, 72))}`);
  } else if (el.name === 'ul' || el.name === 'ol') {
    let n = Number($(el).attr('start') ?? 1);
    const items = $(el).children('li').toArray().map((li) => `${prefix}${el.name === 'ol' ? `${n++}.` : '-'} ${inlineText($, li).replace(/\s+/g, ' ').trim()}`);
    out.push(items.join('\n'));
  } else if (el.name === 'blockquote') walk(el.children, `${prefix}> `);
  else if (el.name === 'pre') out.push($(el).text().replace(/\n$/, ''));
  else if (el.name === 'table') {
    out.push($(el).find('tr').toArray().map((tr) => $(tr).children('th, td').toArray().map((c) => inlineText($, c).trim()).join(' | ')).join('\n'));
  } else if (el.name === 'hr') out.push('* * *');
  else walk(el.children, prefix);
}

/** Text of an inline element: links as "text (url)", images as "[Image: alt] url", line breaks kept. */
function inlineText($: CheerioAPI, node: AnyNode): string {
  if (node.type === 'text') return node.data;
  if (node.type !== 'tag') return '';
  if (node.name === 'br') return '\n';
  if (node.name === 'img') return ` [Image: ${node.attribs.alt ?? ''}] ${node.attribs.src ?? ''} `;
  const inner = node.children.map((c) => inlineText($, c)).join('');
  if (node.name === 'a' && node.attribs.href && inner.trim() !== node.attribs.href) return `${inner} (${node.attribs.href})`;
  return inner;
}
