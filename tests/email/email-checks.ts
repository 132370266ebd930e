import fs from 'node:fs';
import path from 'node:path';
import { doIUseEmail } from '@jsx-email/doiuse-email';
import { load } from 'cheerio';
import { expect } from 'vitest';
import { readPng } from './png.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLIENTS = ['gmail.*', 'outlook.*', 'apple-mail.*', 'yahoo.*'];

/** Everything the email of one built issue must be, checked against its web page. */
export function checkEmail(dist: string, slug: string, site: string): void {
  const web = load(fs.readFileSync(path.join(dist, 'issues', slug, 'index.html'), 'utf8'));
  const file = path.join(dist, 'email', `${slug}.html`);
  expect(fs.existsSync(file), `${file} exists`).toBe(true);
  const html = fs.readFileSync(file, 'utf8');
  const $ = load(html);

  // Safe: nothing a mail client strips or refuses.
  expect(html).toMatch(/^<!doctype html>/i);
  for (const sel of ['script', 'svg', 'style', 'link[rel~="stylesheet" i]', 'details', '[class]', '[data-note]', '[aria-description]', '[data-figure]']) {
    expect($(sel).length, `no ${sel}`).toBe(0);
  }
  expect(html).not.toContain('var(--');
  expect(html).not.toMatch(/\son\w+=/i);
  // Inlined: the prose's paragraphs and headings carry their style.
  const styled = $('h1, h2, p, a, img');
  expect(styled.length).toBeGreaterThan(3);
  styled.each((_, el) => expect($(el).attr('style'), `<${el.tagName}> has inline style`).toMatch(/:/));

  // Every URL absolute, every image sized and described.
  $('a').each((_, a) => expect($(a).attr('href')).toMatch(/^(https?:\/\/|mailto:)/));
  $('img').each((_, img) => {
    const i = $(img);
    expect(i.attr('src')).toMatch(/^https?:\/\//);
    expect(Number(i.attr('width'))).toBeGreaterThan(0);
    expect(Number(i.attr('height'))).toBeGreaterThan(0);
    expect((i.attr('alt') ?? '').length).toBeGreaterThan(0);
  });

  // Each chart of the page: a 2x opaque PNG at /email/charts/<id>.png, its title and description as alt.
  const charts = web('figure.chart').toArray();
  expect($('img').length).toBe(charts.length);
  for (const fig of charts) {
    const id = web(fig).attr('id')!;
    const title = web(fig).find('.chart-title').text().trim();
    const img = $(`img[src="${site}email/charts/${id}.png"]`);
    expect(img.length, `chart ${id} is an image`).toBe(1);
    expect(img.attr('alt')).toContain(title);
    expect(img.attr('alt')).toContain(web(fig).find('.chart-desc').text().trim());
    const png = readPng(fs.readFileSync(path.join(dist, 'email', 'charts', `${id}.png`)));
    expect([png.width, png.height]).toEqual([2 * Number(img.attr('width')), 2 * Number(img.attr('height'))]);
    expect(Number(img.attr('width'))).toBeLessThanOrEqual(552);
    expect(png.opaque, `chart ${id} PNG is opaque`).toBe(true);
  }

  // Figures: the same values as on the page, in the same order, as plain text.
  const values = web('.prose .fig').toArray().map((f) => web(f).text());
  expect(values.length).toBeGreaterThan(0);
  expectInOrder($('body').text(), values, 'HTML email');

  const text = fs.readFileSync(path.join(dist, 'email', `${slug}.txt`), 'utf8');
  // Plain text: no markup of the page, no entities (a title's own "<i>" is text, and kept).
  expect(text).not.toMatch(/<\/?(?:p|div|span|a|img|svg|script|style|figure|table|br|h[1-6])\b/i);
  expect(text).not.toMatch(/&(?:amp|lt|gt|quot|#\d+);/);
  expect(text.startsWith(web('article h1').text())).toBe(true);
  expect(text).toContain(`${site}issues/${slug}/`);
  expectInOrder(text, values, 'text email');
  for (const fig of charts) {
    const title = web(fig).find('.chart-title').text().trim();
    expect(text).toContain(`[Chart: ${title} — ${web(fig).find('.chart-desc').text().trim()}] <${site}email/charts/${web(fig).attr('id')}.png>`);
  }

  checkEmailClients(html);
}

/** caniemail via doiuse-email: every unsupported or partly supported feature is a documented exception. */
export function checkEmailClients(html: string): void {
  const result = doIUseEmail(html, { emailClients: CLIENTS });
  const documented = documentedExceptions();
  const features = (list: string[]) => [...new Set(list.map((m) => /^`([^`]+)`/.exec(m)?.[1] ?? m))];
  const errors = features('errors' in result ? result.errors : []);
  const partial = features(result.warnings);
  expect(errors.filter((f) => !documented.has(f)), 'unsupported features not documented in docs/email-and-social.md').toEqual([]);
  expect(partial.filter((f) => !documented.has(f)), 'partly supported features not documented in docs/email-and-social.md').toEqual([]);
}

/** The features listed in the first column of the exceptions table of docs/email-and-social.md. */
function documentedExceptions(): Set<string> {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'email-and-social.md'), 'utf8');
  return new Set([...doc.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!));
}

function expectInOrder(haystack: string, needles: string[], where: string): void {
  const flat = haystack.replace(/\s+/g, ' ');
  let at = 0;
  for (const n of needles) {
    const i = flat.indexOf(n.replace(/\s+/g, ' '), at);
    expect(i, `${where}: figure "${n}" after position ${at}`).toBeGreaterThanOrEqual(0);
    at = i + n.length;
  }
}
