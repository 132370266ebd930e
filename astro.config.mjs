// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { satteri } from '@astrojs/markdown-satteri';
import { tally } from './src/integration/index.ts';
import { locateUsages } from './src/integration/locate-usages.ts';

export default defineConfig({
  site: process.env.TALLY_SITE ?? 'https://tally.example.com',
  markdown: { processor: satteri({ mdastPlugins: [locateUsages(process.cwd())] }) },
  integrations: [tally(), mdx()],
});
