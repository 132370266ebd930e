import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import { fail } from '../errors.ts';

/**
 * Only issue pages are searched: they mark their article with data-pagefind-body, and only
 * issues/ is read, so other HTML written into the output (email renditions, the search page
 * itself) never shows up in results.
 */
export const SEARCH_GLOB = 'issues/**/*.html';

/**
 * Writes the Pagefind index for the built site into <outDir>/pagefind/ (`astro:build:done`).
 * `dir` is the build's output folder, which `npm run build` swaps into dist/ afterwards.
 */
export async function indexSite(dir: URL, logger: AstroIntegrationLogger): Promise<void> {
  const root = fileURLToPath(dir);
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!index) fail('SearchIndex', { file: 'src/search/index-site.ts' }, errors.join('; ') || 'no index was created.');
    const added = await index.addDirectory({ path: root, glob: SEARCH_GLOB });
    if (added.errors.length) fail('SearchIndex', { file: 'src/search/index-site.ts' }, added.errors.join('; '));
    const outputPath = path.join(root, 'pagefind');
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) fail('SearchIndex', { file: 'src/search/index-site.ts' }, written.errors.join('; '));
    // Pagefind's process may still be flushing when writeFiles answers, and close() ends it:
    // wait (bounded) until the index's entry file is whole. Seen under load: an empty entry file.
    if (!(await entryIsWhole(path.join(outputPath, 'pagefind-entry.json')))) {
      fail('SearchIndex', { file: 'src/search/index-site.ts' }, 'pagefind/pagefind-entry.json was not written in full.');
    }
    logger.info(`Search: indexed ${added.page_count} issue page${added.page_count === 1 ? '' : 's'} into pagefind/.`);
  } finally {
    await pagefind.close();
  }
}

async function entryIsWhole(file: string): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    try {
      JSON.parse(fs.readFileSync(file, 'utf8'));
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return false;
}
