import type { Cheerio, CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { resolveColours } from '../../charts/css-colours.ts';
import { fail, TallyError } from '../../core/errors.ts';
import { PAGE_ATTR, PAGE_SELECTOR } from '../../core/page-markup.ts';
import { SVG_INDEX_ATTR } from '../lean-page.ts';
import { cachedSvgToPng } from '../png/png-cache.ts';
import { clean } from './read-issue-page.ts';
import { CONTENT_WIDTH } from './email-styles.ts';

/** PNGs are drawn at twice their display size, so they stay sharp on high-density screens. */
export const PNG_SCALE = 2;

/** A chart of the page as the email shows it: a PNG with its caption. */
export interface EmailChart {
  id: string;
  title: string;
  description: string;
  source: string;
  /** Absolute URL of the PNG: <site>/email/charts/<id>.png (the RSS feed links to the same path). */
  src: string;
  /** Display size in CSS pixels; the PNG is PNG_SCALE times this. */
  width: number;
  height: number;
}

/** `email/charts/<chart-id>.png`, relative to the output folder and to the site root. */
export function chartPngPath(id: string): string {
  return `email/charts/${id}.png`;
}

/**
 * Renders the wide layout of one chart figure of the page to a PNG (for email/charts/<id>.png),
 * scaled down to the email's content width when wider, in the light scheme's colours: the
 * page's SVG takes its colours from CSS custom properties, which the rasterizer does not know.
 */
export async function renderEmailChart($: CheerioAPI, figure: Cheerio<Element>, site: URL, page: string, svgs: readonly string[] = []): Promise<{ chart: EmailChart; png: Buffer }> {
  const id = figure.attr('id') ?? '';
  // The id becomes a file name: only the digests the chart pipeline writes are accepted.
  if (!/^[A-Za-z0-9_-]+$/.test(id)) fail('EmailRendition', { file: page }, page, `a chart has the id ${JSON.stringify(id)}, which cannot name a file`);
  const wide = figure.find(PAGE_SELECTOR.chartSvgWide).first();
  const svg = (wide.length ? wide : figure.find('svg').first()).clone();
  if (!svg.length) fail('EmailRendition', { file: page }, page, `chart ${id} has no <svg>`);
  const [w, h] = svgSize(svg) ?? fail('EmailRendition', { file: page }, page, `the SVG of chart ${id} has no width and height`);
  const width = Math.min(w, CONTENT_WIDTH);
  const height = Math.round((h * width) / w);
  const asideAt = svg.attr(SVG_INDEX_ATTR);
  const aside = asideAt === undefined ? undefined : svgs[Number(asideAt)];
  let text: string;
  if (aside) {
    text = resizedSvg(aside, width, height, `0 0 ${w} ${h}`);
  } else {
    svg.attr('width', String(width)).attr('height', String(height));
    if (!svg.attr('viewBox')) svg.attr('viewBox', `0 0 ${w} ${h}`);
    text = $.xml(svg);
  }
  text = resolveColours(text, 'light');
  // Named if resvg crashes on it: the issue, and the spec file Chart.astro wrote on the figure.
  const spec = figure.attr(PAGE_ATTR.spec);
  const issue = /^issues\/([^/]+)\/index\.html$/.exec(page)?.[1] ?? page;
  let png: Buffer;
  try {
    ({ png } = await cachedSvgToPng(text, PNG_SCALE, { stage: 'drawing the email PNG', issue, chart: spec ?? `#${id}`, file: spec ?? page }));
  } catch (e) {
    if (e instanceof TallyError) throw e;
    fail('EmailRendition', { file: page }, page, `resvg could not draw chart ${id}: ${(e as Error).message}`);
  }
  const chart: EmailChart = {
    id,
    title: clean(figure.find(PAGE_SELECTOR.chartTitle).first().text()) || textOf($, text, 'title'),
    description: [clean(figure.find(PAGE_SELECTOR.chartSubtitle).first().text()), clean(figure.find(PAGE_SELECTOR.chartDesc).first().text())].filter(Boolean).join('. ') || textOf($, text, 'desc'),
    source: clean(figure.find(PAGE_SELECTOR.chartSource).first().text()),
    src: new URL(`/${chartPngPath(id)}`, site).href,
    width,
    height,
  };
  return { chart, png };
}

/** The SVG text with its root's width and height set, and a viewBox added when it has none. */
function resizedSvg(svg: string, width: number, height: number, viewBox: string): string {
  const open = /^<svg\b[^>]*>/.exec(svg)![0];
  let tag = open.replace(/\s(width|height)="[^"]*"/g, '').replace(/^<svg\b/, `<svg width="${width}" height="${height}"`);
  if (!/\sviewBox="/.test(tag)) tag = tag.replace(/^<svg\b/, `<svg viewBox="${viewBox}"`);
  return tag + svg.slice(open.length);
}

/** The text of the SVG's first <title> or <desc>, entities decoded. */
function textOf($: CheerioAPI, svg: string, tag: 'title' | 'desc'): string {
  const m = new RegExp(`<${tag}\\b[^>]*>([^<]*)</${tag}>`).exec(svg);
  return m ? clean($('<p>').html(m[1]!).text()) : '';
}

/** The SVG's width and height in pixels, from its attributes or else its viewBox. */
function svgSize(svg: Cheerio<Element>): [number, number] | undefined {
  const px = (v: string | undefined) => (/^\s*\d+(\.\d+)?(px)?\s*$/.test(v ?? '') ? Number.parseFloat(v!) : 0);
  const w = px(svg.attr('width'));
  const h = px(svg.attr('height'));
  if (w > 0 && h > 0) return [Math.round(w), Math.round(h)];
  const box = (svg.attr('viewBox') ?? '').trim().split(/[\s,]+/).map(Number);
  if (box.length === 4 && box[2]! > 0 && box[3]! > 0) return [Math.round(box[2]!), Math.round(box[3]!)];
  return undefined;
}
