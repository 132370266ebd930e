import type { APIRoute } from 'astro';
import { siteUrl } from '../core/site.ts';

/** Everything may be crawled; the sitemap index is where @astrojs/sitemap writes it. */
export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${new URL('sitemap-index.xml', siteUrl(site)).href}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
