import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { load } from 'cheerio';
import Parser from 'rss-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LockFile } from '../../src/lock/lock-types.ts';
import { ROOT, buildSite, figureText, makeSite, type BuildResult, type Site } from '../helpers/site.ts';

const run = promisify(execFile);
const PRICES = 'data/prices.csv';
const SITE_URL = 'https://news.example.org';
const FIRST_REASON = 'The supplier revised its price for January 8 <script>alert("x")</script> & more.';
const SECOND_REASON = 'A second revision from the supplier.';

/** Runs scripts/figures.ts in the site, as `npm run accept -- …` would, on a given day. */
async function accept(site: Site, today: string, ...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const r = await run(process.execPath, ['scripts/figures.ts', '--accept', ...args], { cwd: site.root, env: { ...process.env, TALLY_ROOT: site.root, TALLY_TODAY: today } });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

const lockOf = (site: Site) => JSON.parse(site.read('tally.lock.json')) as LockFile;
const dist = (site: Site, file: string) => fs.readFileSync(path.join(site.root, 'dist', file), 'utf8');

async function feedItem(site: Site, title: string): Promise<Parser.Item & { 'content:encoded'?: string }> {
  const feed = await new Parser<Record<string, never>, { 'content:encoded'?: string }>().parseString(dist(site, 'rss.xml'));
  return feed.items.find((i) => i.title === title)!;
}

describe('a changed published figure becomes a visible, dated correction', () => {
  let site: Site;
  let lockBefore: string;
  let built: BuildResult;
  beforeAll(async () => {
    site = makeSite('basic');
    fs.cpSync(path.join(ROOT, 'scripts'), path.join(site.root, 'scripts'), { recursive: true });
    const first = await buildSite(site, { TALLY_SITE: SITE_URL });
    expect(first.ok, first.output).toBe(true);
    expect(first.html('/issues/alpha/')).not.toContain('id="corrections"');
    site.edit(PRICES, (t) => t.replace('2026-01-08,121,', '2026-01-08,130,'));
    lockBefore = site.read('tally.lock.json');
  });

  it('refuses the accept without a reason, naming the command to type, and writes nothing', async () => {
    const r = await accept(site, '2026-02-01');
    expect(r.code).toBe(1);
    expect(r.out).toContain('Correction without a reason');
    expect(r.out).toContain('alpha: lastPrice');
    expect(r.out).toContain('npm run accept -- --reason "…"');
    expect(site.read('tally.lock.json')).toBe(lockBefore);
    const blank = await accept(site, '2026-02-01', '--reason', '   ');
    expect(blank.code).toBe(1);
    expect(blank.out).toContain('npm run accept -- --reason "…"');
    expect(site.read('tally.lock.json')).toBe(lockBefore);
  });

  it('with a reason, records each changed figure in the lock history: date, old → new, reason, rows', async () => {
    const r = await accept(site, '2026-02-01', '--reason', FIRST_REASON);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/Recorded \d+ corrections dated 2026-02-01/);
    const lock = lockOf(site);
    expect(lock.issues.alpha!.figures.lastPrice!.rendered).toBe('$130.00');
    const last = lock.history!.alpha!.find((c) => c.figure === 'lastPrice')!;
    expect(last).toEqual({
      date: '2026-02-01',
      figure: 'lastPrice',
      old: { rendered: '$121.00', value: 121 },
      now: { rendered: '$130.00', value: 130 },
      reason: FIRST_REASON,
      files: [{ file: 'prices.csv', rows: ['2026-01-08 (line 6): price 121 → 130'] }],
    });
    // Only figures whose text or value changed are corrections; the chart is not one of its own.
    expect(lock.history!.alpha!.map((c) => c.figure).sort()).toEqual(['change', 'lastPrice', 'peakPrice']);
  });

  it('the rebuilt page has a Corrections section, a mark on the corrected figure and a note in Sources and method', async () => {
    built = await buildSite(site, { TALLY_SITE: SITE_URL });
    expect(built.ok, built.output).toBe(true);
    const html = built.html('/issues/alpha/');
    const $ = load(html);
    const section = $('section#corrections');
    expect(section.length).toBe(1);
    expect(section.find('h2').text()).toBe('Corrections');
    const item = section.find('li').filter((_, li) => $(li).text().includes('Last widget price'));
    expect(item.find('time').attr('datetime')).toBe('2026-02-01');
    expect(item.find('del').text()).toBe('$121.00');
    expect(item.find('ins').text()).toBe('$130.00');
    expect(item.text()).toContain(FIRST_REASON);
    expect(item.text()).toContain('2026-01-08 (line 6): price 121 → 130');
    // The reason is text, never markup.
    expect(html).not.toContain('<script>alert("x")');
    expect(html).toContain('&lt;script&gt;alert');
    // The figure's mark links to its correction.
    expect(figureText(html, 'lastPrice')).toEqual(['$130.00']);
    const mark = $('[data-figure="lastPrice"] + sup.correction-mark a');
    expect(mark.attr('href')).toBe(`#${item.attr('id')}`);
    expect($('[data-figure="run"] + sup').length).toBe(0);
    expect($('#sources-and-method').text()).toContain('This issue has been corrected since it was published');
    expect($('#sources-and-method a[href="#corrections"]').length).toBe(1);
    expect($('article p[role="note"] a[href="#corrections"]').text()).toContain('since publication');
  });

  it('the feed item carries an updated date and the correction note, escaped', async () => {
    const xml = dist(site, 'rss.xml');
    expect(xml).toContain('xmlns:dcterms="http://purl.org/dc/terms/"');
    expect(xml).toContain('<dcterms:modified>2026-02-01T00:00:00Z</dcterms:modified>');
    const item = await feedItem(site, 'Alpha issue');
    const body = item['content:encoded'] ?? '';
    expect(body).toContain(`<em>Corrected on 2026-02-01: <a href="${SITE_URL}/issues/alpha/#corrections">`);
    expect(body).toContain('<h2>Corrections</h2>');
    expect(body).toContain('Corrected 2026-02-01: Last widget price, $121.00 → $130.00. The supplier revised its price for January 8 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more.');
    expect(body).not.toContain('<script');
    // The illustrative data's star, then the mark, its link made absolute.
    expect(body).toMatch(new RegExp(`\\$130\\.00<sup>\\*</sup><sup class="correction-mark"><a href="${SITE_URL}/issues/alpha/#correction-\\d+"`));
  });

  it('the email carries the Corrections section after the prose, with absolute links and the reason escaped', () => {
    const html = dist(site, 'email/alpha.html');
    const $ = load(html);
    const heading = $('h2').filter((_, h) => $(h).text() === 'Corrections');
    expect(heading.length).toBe(1);
    expect(html).toContain('&lt;script&gt;alert');
    expect(html).not.toContain('<script');
    expect($(`a[href^="${SITE_URL}/issues/alpha/#correction-"]`).length).toBeGreaterThan(0);
    const text = dist(site, 'email/alpha.txt');
    expect(text).toContain('Corrections\n-----------');
    expect(text).toMatch(/Last widget price changed from \$121\.00 to \$130\.00\. The supplier revised/);
  });

  it('a second correction keeps the first, and the figure marks the latest', async () => {
    site.edit(PRICES, (t) => t.replace('2026-01-08,130,', '2026-01-08,140,'));
    const r = await accept(site, '2026-03-01', `--reason=${SECOND_REASON}`);
    expect(r.code, r.out).toBe(0);
    const history = lockOf(site).history!.alpha!;
    const lastPrice = history.filter((c) => c.figure === 'lastPrice');
    expect(lastPrice.map((c) => [c.date, c.old.rendered, c.now?.rendered, c.reason])).toEqual([
      ['2026-02-01', '$121.00', '$130.00', FIRST_REASON],
      ['2026-03-01', '$130.00', '$140.00', SECOND_REASON],
    ]);
    const rebuilt = await buildSite(site, { TALLY_SITE: SITE_URL });
    expect(rebuilt.ok, rebuilt.output).toBe(true);
    const $ = load(rebuilt.html('/issues/alpha/'));
    expect($('section#corrections li.correction').length).toBe(history.length);
    const latest = history.length - 1 - [...history].reverse().findIndex((c) => c.figure === 'lastPrice');
    expect($('[data-figure="lastPrice"] + sup.correction-mark a').attr('href')).toBe(`#correction-${latest + 1}`);
    expect(dist(site, 'rss.xml')).toContain('<dcterms:modified>2026-03-01T00:00:00Z</dcterms:modified>');
    expect(dist(site, 'email/alpha.html')).toContain(SECOND_REASON);
    expect(dist(site, 'email/alpha.html')).toContain('The supplier revised its price');
  });

  it('a correction edited in the lock alone (no data change) reaches the page, the feed and the email: their caches key on it', async () => {
    site.edit('tally.lock.json', (t) => t.replaceAll(SECOND_REASON, 'An edited reason.'));
    const rebuilt = await buildSite(site, { TALLY_SITE: SITE_URL });
    expect(rebuilt.ok, rebuilt.output).toBe(true);
    expect(rebuilt.html('/issues/alpha/')).toContain('An edited reason.');
    expect(rebuilt.html('/issues/alpha/')).not.toContain(SECOND_REASON);
    expect((await feedItem(site, 'Alpha issue'))['content:encoded']).toContain('An edited reason.');
    expect(dist(site, 'email/alpha.html')).toContain('An edited reason.');
    expect(dist(site, 'email/alpha.txt')).toContain('An edited reason.');
  });

  it('a change with no published figure in it (a new issue) still needs no reason', async () => {
    site.edit('content/issues/draft-one/index.mdx', (t) => t.replace('draft: true', 'draft: false'));
    const r = await accept(site, '2026-03-02');
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('draft-one (new issue)');
    expect(lockOf(site).history!['draft-one']).toBeUndefined();
  });
});
