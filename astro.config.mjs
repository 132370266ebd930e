// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { satteri } from '@astrojs/markdown-satteri';
import { tally } from './src/integration/index.ts';
import { locateUsages } from './src/integration/locate-usages.ts';
import { configuredSiteUrl } from './src/core/site-config.ts';

export default defineConfig({
  // TALLY_SITE, else `site.url` in tally.config.json (src/core/site-config.ts).
  site: configuredSiteUrl(),
  // Caches stay inside the site's own folder: fixture sites share node_modules by symlink, and
  // Astro's and Vite's defaults (node_modules/.astro, node_modules/.vite) would be shared too.
  cacheDir: './.astro/cache',
  vite: { cacheDir: './.astro/vite' },
  markdown: { processor: satteri({ mdastPlugins: [locateUsages(process.cwd())] }) },
  integrations: [tally(), mdx(), sitemap()],
  // Pages whose getStaticPaths() cacheKey and code are unchanged are copied from the last build
  // (src/issues/page-key.ts says what an issue page's key covers).
  experimental: { incrementalBuild: true },
  // Four pages at a time: a page waiting on its charts (drawn in worker threads) or on its copy
  // from the cache (the disk) does not hold up the others.
  build: { concurrency: 4 },
});
