import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import { keepNewestOutputs, outputCacheDir, restoreCachedOutput, storeCachedOutput, writeOutputFiles, type OutputFile } from '../../cache/output-cache.ts';
import type { IssuePageDigest } from '../page-digests.ts';
import { store } from '../../cache/stores.ts';
import { projectRoot } from '../../core/paths.ts';
import { issuePath } from '../../core/site.ts';
import { pagefindBundles } from './pagefind-index.ts';
import { searchShards, shardPages, type SearchShard } from './search-shards.ts';

/** Entries kept per shard (and for the script files): a few, so that switching back and forth stays quick. */
const KEEP_PER_SHARD = 3;

/** What the search page reads to merge every shard into the first: the other shards' folders, relative to pagefind/. */
export const SHARDS_FILE = 'shards.json';

interface SearchMeta {
  pages: number;
}
const isSearchMeta = (v: unknown): v is SearchMeta => typeof (v as SearchMeta | null)?.pages === 'number';

/** The key of one shard's index in `.tally-cache/search/`: each of its pages' URL and digest, in order, and the code version. */
export function searchCacheKey(pages: readonly IssuePageDigest[], version: string): string {
  const hash = createHash('sha256').update(`search\0${version}\0`);
  for (const p of pages) hash.update(`${issuePath(p.slug)}\0${p.digest}\0`);
  return hash.digest('hex');
}

/** The key of Pagefind's script, style and WebAssembly files, the same for every index of one version. */
function runtimeCacheKey(version: string): string {
  return createHash('sha256').update(`search-runtime\0${version}`).digest('hex');
}

/** The folder of a shard inside pagefind/: the first shard is the bundle the search page loads, the others are merged into it. */
const shardFolder = (shard: SearchShard, first: boolean) => (first ? '' : `shard-${shard.bucket}/`);

/**
 * Writes the Pagefind index of the build's issue pages into <outDir>/pagefind/
 * (`astro:build:done`). `dir` is the build's output folder, which `npm run build` swaps into
 * dist/ afterwards. The pages are split into shards of stable membership (search-shards.ts),
 * each its own Pagefind index: the first in pagefind/ with Pagefind's scripts, the others in
 * pagefind/shard-<n>/, named in pagefind/shards.json for the search page to merge. A shard none
 * of whose pages changed since a build with the same code is restored from
 * `.tally-cache/search/`; Pagefind indexes only the others, and is not started when none changed.
 */
export async function indexSite(dir: URL, pages: readonly IssuePageDigest[], logger: AstroIntegrationLogger): Promise<void> {
  const outDir = fileURLToPath(dir);
  const cacheDir = outputCacheDir('search');
  const version = `${store('search').version()}\0pagefind@${pagefindVersion()}`;
  const shards = searchShards(pages, shardPages());
  // No issue yet: one empty index, so the search page still loads.
  if (shards.length === 0) shards.push({ bucket: 0, pages: [] });
  const keys = shards.map((s) => searchCacheKey(s.pages, version));
  const runtimeKey = runtimeCacheKey(version);
  const pagefindDir = path.join(outDir, 'pagefind');

  const [runtime, ...restored] = await Promise.all([
    restoreCachedOutput(cacheDir, runtimeKey, pagefindDir, isSearchMeta),
    ...shards.map((s, i) => restoreCachedOutput(cacheDir, keys[i]!, path.join(pagefindDir, shardFolder(s, i === 0)), isSearchMeta)),
  ]);
  // The scripts come with any bundle Pagefind makes: without them cached, the first shard is indexed again.
  const stale = shards.map((_, i) => i).filter((i) => !restored[i] || (!runtime && i === 0));
  const started = performance.now();
  const bundles = stale.length ? await pagefindBundles(outDir, stale.map((i) => shards[i]!.pages)) : [];
  const pagefindMs = performance.now() - started;
  for (const [j, i] of stale.entries()) {
    const { index, scripts } = splitBundle(bundles[j]!);
    const shardDir = path.join(pagefindDir, shardFolder(shards[i]!, i === 0));
    await writeOutputFiles(shardDir, index);
    await storeCachedOutput(cacheDir, keys[i]!, { files: index, meta: { pages: shards[i]!.pages.length } satisfies SearchMeta }, shardDir);
    if (!runtime && j === 0) {
      await writeOutputFiles(pagefindDir, scripts);
      // An empty index comes without the English WebAssembly the next one with pages needs.
      if (shards[i]!.pages.length > 0) await storeCachedOutput(cacheDir, runtimeKey, { files: scripts, meta: { pages: 0 } satisfies SearchMeta }, pagefindDir);
    }
  }
  const merge = shards.slice(1).map((s) => shardFolder(s, false));
  await writeOutputFiles(pagefindDir, [{ path: SHARDS_FILE, bytes: Buffer.from(`${JSON.stringify({ merge })}\n`) }]);
  await keepNewestOutputs(cacheDir, KEEP_PER_SHARD * (shards.length + 1), [runtimeKey, ...keys]);

  const n = pages.length;
  const s = (k: number) => (k === 1 ? '' : 's');
  const ofShards = `${shards.length} shard${s(shards.length)}`;
  if (stale.length === 0) logger.info(`Search: reused the index of ${n} issue page${s(n)} (none changed, ${ofShards}) in pagefind/.`);
  else {
    const indexed = stale.reduce((a, i) => a + shards[i]!.pages.length, 0);
    logger.info(`Search: indexed ${stale.length} of ${ofShards} (${indexed} of ${n} issue page${s(n)}) in ${(pagefindMs / 1000).toFixed(1)} s into pagefind/.`);
  }
}

/**
 * A Pagefind bundle's own index (its entry file, metadata, and the index, fragment and filter
 * folders) apart from the scripts, styles and WebAssembly every bundle of one version shares.
 */
function splitBundle(files: readonly OutputFile[]): { index: OutputFile[]; scripts: OutputFile[] } {
  const isIndex = (p: string) => p === 'pagefind-entry.json' || p.endsWith('.pf_meta') || p.includes('/');
  return { index: files.filter((f) => isIndex(f.path)), scripts: files.filter((f) => !isIndex(f.path)) };
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
