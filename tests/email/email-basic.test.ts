import fs from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, makeSite, type BuildResult, type Site } from '../helpers/site.ts';
import { readPng } from './png.ts';
import { checkEmail } from './email-checks.ts';

const SITE = 'https://news.example.org/';
const TITLE = 'Alpha & "Omega" <i>not markup</i>';

describe('email rendition and social card of a fixture site', () => {
  let site: Site;
  let result: BuildResult;
  let dist: string;
  beforeAll(async () => {
    site = makeSite('basic');
    site.edit('content/issues/alpha/index.mdx', (t) =>
      t
        .replace('title: Alpha issue', `title: '${TITLE}'\nheadline: lastPrice`)
        .replace('Shown another way:', 'See [the about page](/about/) and [the chart](#top). Shown another way:'),
    );
    result = await buildSite(site, { TALLY_SITE: SITE });
    dist = path.join(site.root, 'dist');
  });

  it('builds and reports the emails and cards', () => {
    expect(result.ok, result.output).toBe(true);
    expect(result.output).toContain('Email: wrote 1 issue (0 reused, 1 rendered) and 1 chart PNG into email/.');
    expect(result.output).toContain('Social cards: wrote 1 Open Graph image (0 reused, 1 drawn) into og/.');
  });

  it('writes a safe, inlined, absolute email and its text part for the issue', () => {
    checkEmail(dist, 'alpha', SITE);
  });

  it('writes nothing for the draft, which is not built', () => {
    expect(fs.readdirSync(path.join(dist, 'email')).sort()).toEqual(['alpha.html', 'alpha.txt', 'charts', 'preview']);
  });

  it('keeps the title as text, escaped, and makes prose links absolute against the page', () => {
    const $ = load(fs.readFileSync(path.join(dist, 'email', 'alpha.html'), 'utf8'));
    expect($('h1').text()).toBe(TITLE);
    expect($('h1 i').length).toBe(0);
    expect($('a[href="https://news.example.org/about/"]').text()).toBe('the about page');
    expect($('a[href="https://news.example.org/issues/alpha/#top"]').length).toBe(1);
    const text = fs.readFileSync(path.join(dist, 'email', 'alpha.txt'), 'utf8');
    expect(text).toContain('the about page (https://news.example.org/about/)');
    expect(text).toContain('The price is $121.00*, up +21.0%*');
  });

  it('draws a 1200x630 opaque social card for the issue', () => {
    const png = readPng(fs.readFileSync(path.join(dist, 'og', 'alpha.png')));
    expect([png.width, png.height, png.opaque]).toEqual([1200, 630, true]);
  });
});
