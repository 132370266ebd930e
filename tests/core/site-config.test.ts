import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TallyError } from '../../src/core/errors.ts';
import { configuredSiteUrl, parseSiteConfig, SITE_DEFAULTS, siteConfig } from '../../src/core/site-config.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** The error parseSiteConfig throws for `text`, with its code, location, message and hint. */
function failure(text: string): TallyError {
  try {
    parseSiteConfig(text);
  } catch (e) {
    if (e instanceof TallyError) return e;
    throw e;
  }
  throw new Error('expected the config to be refused');
}

const tempRoot = (config?: string): string => {
  const root = tempDir('tally-site-config-');
  if (config !== undefined) fs.writeFileSync(path.join(root, 'tally.config.json'), config);
  return root;
};

describe('the site section of tally.config.json', () => {
  it("gives Tally's own identity when the file, or its site section, is absent", () => {
    const today = {
      name: 'Tally',
      tagline: 'Markets, by the numbers',
      description: 'A data-driven newsletter: every number in the prose and every chart is computed from data at build time.',
      language: 'en',
      authors: ['Tally desk'],
      url: 'https://tally.example.com',
    };
    expect(SITE_DEFAULTS).toEqual(today);
    expect(siteConfig(tempRoot())).toEqual(today);
    expect(parseSiteConfig('{"audit": {"allow": {"S&P 500": "index name"}}}')).toEqual(today);
  });

  it('takes each setting it names and the defaults for the rest', () => {
    const config = parseSiteConfig(JSON.stringify({ site: { name: 'Le Chiffre', language: 'fr', authors: ['Anne', 'Bruno'] } }));
    expect(config).toEqual({ ...SITE_DEFAULTS, name: 'Le Chiffre', language: 'fr', authors: ['Anne', 'Bruno'] });
  });

  it('names the line of an unknown key, with the closest setting', () => {
    const e = failure('{\n  "site": {\n    "name": "Le Chiffre",\n    "langage": "fr"\n  }\n}\n');
    expect(e.code).toBe('UnknownSiteSetting');
    expect(e.where).toEqual({ file: 'tally.config.json', line: 4 });
    expect(e.message).toBe('tally.config.json:4: "site.langage" is not a setting of the site. Did you mean "language"?');
    expect(e.hint).toContain('name, tagline, description, language, authors, url');
  });

  it('names the line and the field of an invalid value', () => {
    const cases: [string, number, RegExp][] = [
      ['{\n  "site": {\n    "language": "French"\n  }\n}', 3, /"site\.language" .* must be a language tag/],
      ['{\n  "site": {\n    "authors": []\n  }\n}', 3, /"site\.authors" .* must name at least one author/],
      ['{\n  "site": {\n    "authors": [\n      "Anne",\n      " "\n    ]\n  }\n}', 5, /"site\.authors\.1" .* must not be empty/],
      ['{\n  "site": {\n    "url": "tally.example.com"\n  }\n}', 3, /"site\.url" .* must be an absolute http\(s\) URL/],
      ['{\n  "site": {\n    "name": 7\n  }\n}', 3, /"site\.name" in tally\.config\.json /],
      ['{\n  "site": ["Tally"]\n}', 2, /"site" in tally\.config\.json must be an object/],
    ];
    for (const [text, line, message] of cases) {
      const e = failure(text);
      expect(e.code, text).toBe('SiteConfig');
      expect(e.where, text).toEqual({ file: 'tally.config.json', line });
      expect(e.message, text).toMatch(message);
    }
  });

  it('names the line and column of broken JSON', () => {
    const e = failure('{\n  "site": {\n    "name": "Tally",\n  }\n}');
    expect(e.code).toBe('SiteConfig');
    expect(e.where?.file).toBe('tally.config.json');
    expect(e.where?.line).toBe(4);
    expect(e.message).toContain('is not valid JSON');
  });

  it('is read again when the file changes', () => {
    const root = tempRoot('{"site": {"name": "First"}}');
    expect(siteConfig(root).name).toBe('First');
    fs.writeFileSync(path.join(root, 'tally.config.json'), '{"site": {"name": "Second"}}');
    expect(siteConfig(root).name).toBe('Second');
  });

  it("matches the README's example, which shows the defaults", () => {
    const readme = fs.readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8');
    const example = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('"site"'));
    expect(example).toBeDefined();
    expect(JSON.parse(example!).site).toEqual(SITE_DEFAULTS);
  });

  it('gives astro.config.mjs TALLY_SITE first, then the configured url', () => {
    const root = tempRoot('{"site": {"url": "https://news.example.fr"}}');
    expect(configuredSiteUrl({}, root)).toBe('https://news.example.fr');
    expect(configuredSiteUrl({ TALLY_SITE: 'https://override.example.org' }, root)).toBe('https://override.example.org');
    expect(configuredSiteUrl({}, tempRoot())).toBe('https://tally.example.com');
  });
});
