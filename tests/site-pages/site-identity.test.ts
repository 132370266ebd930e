import fs from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardSvg } from '../../src/renditions/og/card-svg.ts';
import { cardTextOf } from '../../src/renditions/og/draw-card.ts';
import { buildSite, makeSite, type BuildResult, type Site } from '../helpers/site.ts';

/**
 * tests/fixtures/site-identity/ holds what it adds to the basic fixture (built on it): a tally.config.json naming another
 * site ("Le Chiffre", in French, with two default authors and its own URL); its alpha issue
 * names no authors, its beta issue names its own.
 */
describe("the site's identity from tally.config.json", () => {
  let site: Site;
  let result: BuildResult;
  const dist = (file: string) => fs.readFileSync(path.join(site.root, 'dist', file), 'utf8');
  beforeAll(async () => {
    site = makeSite('site-identity', { on: 'basic' });
    // An empty TALLY_SITE counts as unset: the configured url is used.
    result = await buildSite(site, { TALLY_SITE: '' });
    expect(result.ok, result.output).toBe(true);
  });

  it('names every page, in the configured language', () => {
    const home = load(result.html('/'));
    expect(home('head > title').text()).toBe('Le Chiffre');
    expect(home('html').attr('lang')).toBe('fr');
    expect(home('.site-name').text()).toBe('Le Chiffre');
    expect(home('.site-tagline').text()).toBe('Les marchés, en chiffres');
    expect(home('meta[name="description"]').attr('content')).toBe('Une lettre où chaque nombre vient des données.');
    const issue = load(result.html('/issues/alpha/'));
    expect(issue('head > title').text()).toBe('Alpha issue · Le Chiffre');
    expect(issue('html').attr('lang')).toBe('fr');
    expect(issue('meta[property="og:site_name"]').attr('content')).toBe('Le Chiffre');
    expect(issue('link[rel="canonical"]').attr('href')).toBe('https://chiffre.example.fr/issues/alpha/');
  });

  it('bylines an issue without authors with the default authors, and keeps an issue its own', () => {
    expect(load(result.html('/issues/alpha/'))('.issue-meta').text()).toMatch(/^\s*By Anne Dupont, Bruno Martin · /);
    expect(load(result.html('/issues/beta/'))('.issue-meta').text()).toMatch(/^\s*By Claire Petit · /);
  });

  it('titles the feed and gives its language', async () => {
    const xml = dist('rss.xml');
    const feed = await new Parser().parseString(xml);
    expect(feed.title).toBe('Le Chiffre');
    expect(feed.description).toBe('Une lettre où chaque nombre vient des données.');
    expect(feed.link).toBe('https://chiffre.example.fr/');
    expect(xml).toContain('<language>fr</language>');
    expect(xml).not.toContain('<language>en</language>');
  });

  it('mastheads the email with the name and tagline, in the configured language', () => {
    const email = load(dist('email/alpha.html'));
    expect(email('html').attr('lang')).toBe('fr');
    expect(email('title').text()).toBe('Alpha issue · Le Chiffre');
    expect(email('td').first().text()).toBe('Le Chiffre · Les marchés, en chiffres');
    expect(email('td').first().find('a').attr('href')).toBe('https://chiffre.example.fr/');
    expect(email.text()).toContain('By Anne Dupont, Bruno Martin');
  });

  describe('the social card', () => {
    const before = process.env.TALLY_ROOT;
    beforeAll(() => {
      process.env.TALLY_ROOT = site.root;
    });
    afterAll(() => {
      if (before === undefined) delete process.env.TALLY_ROOT;
      else process.env.TALLY_ROOT = before;
    });

    it('draws the site name and tagline', () => {
      const { card } = cardTextOf(path.join(site.root, 'dist'), 'alpha', undefined);
      const svg = load(cardSvg(card), { xml: true });
      const texts = svg('text').toArray().map((t) => svg(t).text());
      expect(texts.slice(0, 2)).toEqual(['Le Chiffre', 'Les marchés, en chiffres']);
      expect(texts).toContain('Alpha issue');
      expect(fs.statSync(path.join(site.root, 'dist', 'og', 'alpha.png')).size).toBeGreaterThan(0);
    });
  });

  it('renders the issue pages again when the site section changes (not copied by the incremental build)', async () => {
    site.edit('tally.config.json', (t) => t.replace('"Le Chiffre"', '"Le Nombre"').replace('"Anne Dupont", "Bruno Martin"', '"Denise Roy"'));
    const again = await buildSite(site, { TALLY_SITE: '' });
    expect(again.ok, again.output).toBe(true);
    const alpha = load(again.html('/issues/alpha/'));
    expect(alpha('head > title').text()).toBe('Alpha issue · Le Nombre');
    expect(alpha('.issue-meta').text()).toMatch(/^\s*By Denise Roy · /);
    expect(load(again.html('/issues/beta/'))('.site-name').text()).toBe('Le Nombre');
    expect(load(fs.readFileSync(path.join(site.root, 'dist', 'email', 'alpha.html'), 'utf8'))('td').first().text()).toBe('Le Nombre · Les marchés, en chiffres');
  });

  it('fails the build on an unknown key, naming the file, its line and the setting meant', async () => {
    const bad = makeSite('site-identity', { on: 'basic' });
    bad.edit('tally.config.json', (t) => t.replace('"language"', '"langage"'));
    const failed = await buildSite(bad);
    expect(failed.ok).toBe(false);
    expect(failed.output).toContain('tally.config.json:6: "site.langage" is not a setting of the site. Did you mean "language"?');
    expect(fs.existsSync(path.join(bad.root, 'dist'))).toBe(false);
  });
});
