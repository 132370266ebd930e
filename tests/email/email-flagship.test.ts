import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, makeFlagshipSite, type BuildResult, type Site } from '../helpers/site.ts';
import { cardFactsOf, readIssuePage } from '../../src/renditions/email/read-issue-page.ts';
import { cardTextOf } from '../../src/renditions/og/draw-card.ts';
import { readPng } from './png.ts';
import { checkEmail } from './email-checks.ts';

const SITE = 'https://tally.example.com/';

describe('email rendition and social cards of the flagship fixture and its other issue', () => {
  let site: Site;
  let result: BuildResult;
  let dist: string;
  let slugs: string[];
  beforeAll(async () => {
    site = makeFlagshipSite();
    result = await buildSite(site, { TALLY_SITE: SITE });
    dist = path.join(site.root, 'dist');
    slugs = result.ok ? fs.readdirSync(path.join(dist, 'issues')) : [];
  });

  it('builds', () => {
    expect(result.ok, result.output).toBe(true);
    expect(slugs).toContain('fixture-rotation');
  });

  it('writes a safe email of The Great Rotation with its five-plus charts as PNGs', () => {
    checkEmail(dist, 'fixture-rotation', SITE);
    const text = fs.readFileSync(path.join(dist, 'email', 'fixture-rotation.txt'), 'utf8');
    // The product brief's numbers, as the page renders them.
    for (const v of ['13*', '18x*', '26x*', '19%*', '12%*', '65%*']) expect(text).toContain(v);
    expect(text.match(/^\[Chart: /gm)?.length).toBeGreaterThanOrEqual(5);
  });

  it('writes an email for every other issue too', () => {
    for (const slug of slugs.filter((s) => s !== 'fixture-rotation')) checkEmail(dist, slug, SITE);
  });

  it('draws a 1200x630 opaque social card for every issue', () => {
    for (const slug of slugs) {
      const png = readPng(fs.readFileSync(path.join(dist, 'og', `${slug}.png`)));
      expect([slug, png.width, png.height, png.opaque]).toEqual([slug, 1200, 630, true]);
    }
  });

  it("shows on each card, from the facts the email read off the page, what reading the page again shows", () => {
    for (const slug of slugs) {
      const mdx = fs.readFileSync(path.join(site.root, 'content', 'issues', slug, 'index.mdx'), 'utf8');
      for (const headline of [/^headline:\s*(\S+)/m.exec(mdx)?.[1], undefined, 'noSuchFigure']) {
        const facts = cardFactsOf(readIssuePage(dist, slug, new URL(SITE)));
        const fromFacts = cardTextOf(dist, slug, headline, facts);
        expect(fromFacts).toEqual(cardTextOf(dist, slug, headline));
        if (headline && headline !== 'noSuchFigure') expect(fromFacts.card.headline?.value, slug).toBeTruthy();
      }
    }
  });
});
