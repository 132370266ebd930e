import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import { keepNewestOutputs, outputCacheDir, restoreCachedOutput, storeCachedOutput, writeOutputFiles } from '../../cache/output-cache.ts';
import type { IssuePageDigest } from '../page-digests.ts';
import { store } from '../../cache/stores.ts';
import { projectRoot } from '../../core/paths.ts';
import { issuePath } from '../../core/site.ts';
import { pagefindBundle } from './pagefind-index.ts';

/** Each entry is a whole index; a few are kept so that switching back and forth stays quick. */
const KEEP_INDEXES = 3;

interface SearchMeta {
  pages: number;
}
const isSearchMeta = (v: unknown): v is SearchMeta => typeof (v as SearchMeta | null)?.pages === 'number';

/** The key of the whole index in `.tally-cache/search/`: every page's URL and digest, in order, and the code version. */
export function searchCacheKey(pages: readonly IssuePageDigest[], version: string): string {
  const hash = createHash('sha256').update(`search\0${version}\0`);
  for (const p of pages) hash.update(`${issuePath(p.slug)}\0${p.digest}\0`);
  return hash.digest('hex');
}

/**
 * Writes the Pagefind index of the build's issue pages into <outDir>/pagefind/
 * (`astro:build:done`). `dir` is the build's output folder, which `npm run build` swaps into
 * dist/ afterwards. When no page changed since a build with the same code, the index is copied
 * from `.tally-cache/search/` and Pagefind is not started at all.
 */
export async function indexSite(dir: URL, pages: readonly IssuePageDigest[], logger: AstroIntegrationLogger): Promise<void> {
  const outDir = fileURLToPath(dir);
  const cacheDir = outputCacheDir('search');
  const key = searchCacheKey(pages, `${store('search').version()}\0pagefind@${pagefindVersion()}`);
  const s = pages.length === 1 ? '' : 's';
  const cached = await restoreCachedOutput(cacheDir, key, outDir, isSearchMeta);
  if (cached) {
    await keepNewestOutputs(cacheDir, KEEP_INDEXES, key);
    logger.info(`Search: reused the index of ${pages.length} issue page${s} (none changed) in pagefind/.`);
    return;
  }
  const files = await pagefindBundle(outDir, pages);
  await writeOutputFiles(outDir, files);
  await storeCachedOutput(cacheDir, key, { files, meta: { pages: pages.length } satisfies SearchMeta });
  await keepNewestOutputs(cacheDir, KEEP_INDEXES);
  logger.info(`Search: indexed ${pages.length} issue page${s} into pagefind/.`);
}

/**
 * The installed Pagefind's version, from its package.json found as Node finds the package: it
 * exports neither a CommonJS entry nor ./package.json, so codeVersion's resolver cannot.
 */
function pagefindVersion(): string {
  for (let dir = projectRoot(); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', 'pagefind', 'package.json');
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown';
    if (dir === path.dirname(dir)) return 'missing';
  }
}
