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
    const written = await index.writeFiles({ outputPath: path.join(root, 'pagefind') });
    if (written.errors.length) fail('SearchIndex', { file: 'src/search/index-site.ts' }, written.errors.join('; '));
    logger.info(`Search: indexed ${added.page_count} issue page${added.page_count === 1 ? '' : 's'} into pagefind/.`);
  } finally {
    await pagefind.close();
  }
}
