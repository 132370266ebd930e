import { fail } from './errors.ts';
import { siteConfig, type SiteConfig } from './site-config.ts';

/**
 * The site's identity, from the `site` section of tally.config.json (src/core/site-config.ts),
 * Tally's own where it says nothing. Each property reads the config when used, so `astro dev`
 * follows edits and an invalid config fails where it is first needed, naming the file.
 */
export const SITE: Readonly<Omit<SiteConfig, 'url'>> = {
  get name() {
    return siteConfig().name;
  },
  get tagline() {
    return siteConfig().tagline;
  },
  get description() {
    return siteConfig().description;
  },
  get language() {
    return siteConfig().language;
  },
  get authors() {
    return siteConfig().authors;
  },
};

/** The absolute base URL of the site (astro.config.mjs `site`: TALLY_SITE, else the configured `url`). */
export function siteUrl(site: URL | undefined): URL {
  return site ?? fail('NoSite', { file: 'astro.config.mjs' });
}

/** Routes, in one place: pages, feed, sitemap and search all link with these. */
export const issuePath = (slug: string): string => `/issues/${slug}/`;
export const tagPath = (tag: string): string => `/tags/${tagSlug(tag)}/`;
export const FEED_PATH = '/rss.xml';

/**
 * A tag as a URL segment: accents folded, lower case, every run of characters other than letters
 * and digits made one hyphen ("Small Caps & Co." → "small-caps-co", "Zürich" → "zurich"). Letters
 * of other scripts stay (and are percent-encoded in URLs); a tag with no letter or digit at all
 * gets a stable "tag-<hash>", so a slug is never empty and never leaves its folder.
 */
export function tagSlug(tag: string): string {
  const slug = tag
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (slug) return slug;
  let h = 0x811c9dc5;
  for (const c of tag) h = Math.imul(h ^ c.codePointAt(0)!, 0x01000193) >>> 0;
  return `tag-${h.toString(16).padStart(8, '0')}`;
}
