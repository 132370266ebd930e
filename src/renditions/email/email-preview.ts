import { load, type CheerioAPI } from 'cheerio';

/** `email/preview/<slug>.html`, relative to the output folder and to the site root. */
export const emailPreviewPath = (slug: string): string => `email/preview/${slug}.html`;

/**
 * The editor's copy of a finished email, to look at in `npm run preview` before sending: the
 * same document with every link and image on the site made site-relative (`/email/charts/…`),
 * so its images load from the local build instead of the production site, and marked noindex
 * (it is not a page for readers; the sitemap and the search index list issue pages only).
 * `$`: the document already parsed from `html`, when the caller has it (it is changed here).
 */
export function emailPreview(html: string, site: URL, $: CheerioAPI = load(html)): string {
  $('[href], [src]').each((_, el) => {
    for (const name of ['href', 'src'] as const) {
      const value = $(el).attr(name);
      if (value !== undefined) $(el).attr(name, siteRelative(value, site));
    }
  });
  $('head').append('<meta name="robots" content="noindex">\n');
  return $.html();
}

/** An absolute URL on the site's origin as a path from its root; any other URL as it was. */
function siteRelative(value: string, site: URL): string {
  if (!URL.canParse(value)) return value;
  const url = new URL(value);
  return url.origin === site.origin ? `${url.pathname}${url.search}${url.hash}` : value;
}
