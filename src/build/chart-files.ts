/**
 * The chart files a build publishes: /charts/<issue>/<chart>.json (what the interactive layer
 * draws from) and /charts/<issue>/<chart>.csv (every row, the table's download). In a build
 * they are not Astro routes: the page that shows a chart stores both files by content when it
 * renders it (publishChartFiles), the issue route lists every chart of the build and keeps a
 * page's copy only while its charts' files are in the store (chartPageCacheKey), and the
 * build's end links them into the output (linkChartFiles). Under `astro dev` the chart routes
 * serve the same bodies (chartJsonBody, chartCsvBody), made from the current data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { linkFile } from '../cache/link-file.ts';
import { CHART_FILE_KINDS, chartFileStore, type ChartFileDigests, type ChartFileKind } from '../cache/chart-file-store.ts';
import { prepareChart, type ChartInput } from '../charts/build-chart.ts';
import { tableCsv } from '../charts/data-table.ts';
import { interactiveChartJson } from '../charts/interactive-spec.ts';
import { chartKey } from '../core/chart-routes.ts';
import { fail, type Loc } from '../core/errors.ts';
import { mapLimit } from '../core/map-limit.ts';
import { rel } from '../core/paths.ts';
import { findCharts } from '../issues/scan-usages.ts';
import { chartArtifacts } from './chart-renderer.ts';
import { dropAstroPageCopy } from './chart-files-page-copy.ts';

/**
 * The interactive layer's file: the chart's spec with every row, compiled by the chart workers
 * when the chart was made and kept beside it; compiled here only when the cache has none (charts
 * drawn in the main thread, or a compile that failed in a worker, whose error this raises).
 */
export async function chartJsonBody(input: ChartInput, key = chartArtifacts().keyOf(input)): Promise<string | Buffer<ArrayBuffer>> {
  const store = chartArtifacts();
  let compiled = key ? store.interactiveJson(key) : undefined;
  if (compiled) return compiled;
  let json = key ? store.specJson(key) : undefined;
  if (!json && key) {
    // Made first if this address is asked for before the page, as in `astro dev`.
    await store.get(input);
    compiled = store.interactiveJson(key);
    if (compiled) return compiled;
    json = store.specJson(key);
  }
  return interactiveChartJson(json ? json.toString('utf8') : JSON.stringify(everyRow(prepareChart(input))));
}

/** Every row behind the chart as CSV: kept beside the chart when its data was bound; bound again only when the cache has none. */
export async function chartCsvBody(input: ChartInput, key = chartArtifacts().keyOf(input)): Promise<string | Buffer<ArrayBuffer>> {
  const store = chartArtifacts();
  let csv = key ? store.csv(key) : undefined;
  if (!csv && key) csv = (await store.get(input), store.csv(key));
  return csv ?? tableCsv(prepareChart(input).bound.primary?.rows ?? []);
}

/** The spec with every row and without its title (the caption shows it), as the chart cache compiles it. */
function everyRow({ spec, bound }: ReturnType<typeof prepareChart>): Record<string, unknown> {
  if (bound.full === bound.spec) return spec;
  const { title: _t, ...full } = bound.full;
  return full;
}

interface Listed {
  /** The page key its page's record is kept under. */
  pageKey: string | undefined;
  ref: string;
  usage: Loc;
  /** From the page's record, when every file it names verified: the page may be copied. */
  digests?: ChartFileDigests | undefined;
}
interface Rendered extends Listed {
  digests: ChartFileDigests;
  /** The chart's key in the chart cache: the page and the feed render the same chart once here. */
  artifactKey: string | undefined;
}
interface Registry {
  listed: Map<string, Listed>;
  rendered: Map<string, Rendered>;
  /** Each issue's charts as listed, by address: its record is written once all of them rendered. */
  pages: Map<string, { pageKey: string | undefined; addresses: string[] }>;
}

/** This build's charts, by address (`<issue>/<chart>`): on globalThis, shared by the pages and the integration. */
function registry(): Registry {
  const slot = globalThis as { __tallyChartFiles?: Registry };
  slot.__tallyChartFiles ??= { listed: new Map(), rendered: new Map(), pages: new Map() };
  slot.__tallyChartFiles.pages ??= new Map();
  return slot.__tallyChartFiles;
}

const addressOf = (slug: string, ref: string) => `${slug}/${chartKey(ref)}`;

/**
 * The issue page's cacheKey (its page key), once its charts are listed for the build's end.
 * Astro may copy the page only while the record its last render left under that key names files
 * that are all in the store; the record then lists the charts (the page key covers the MDX, so
 * its charts are the ones that render recorded). Otherwise the charts are found in the MDX and
 * the page's stored copy is dropped, so Astro renders it (which stores the files and the record)
 * and keeps the new copy under the same key for the next build.
 */
export function chartPageCacheKey(slug: string, pageKey: string | undefined, issueDir: string): string | undefined {
  const { listed, pages } = registry();
  const recorded = pageKey ? chartFileStore().recordVerified(pageKey) : undefined;
  if (recorded) {
    for (const { ref, usage, digests } of recorded) listed.set(addressOf(slug, ref), { pageKey, ref, usage, digests });
    pages.set(slug, { pageKey, addresses: recorded.map((c) => addressOf(slug, c.ref)) });
    return pageKey;
  }
  const mdx = path.join(issueDir, 'index.mdx');
  const charts = findCharts(fs.readFileSync(mdx, 'utf8'), rel(mdx));
  for (const { spec: ref, usage } of charts) listed.set(addressOf(slug, ref), { pageKey, ref, usage });
  pages.set(slug, { pageKey, addresses: charts.map((c) => addressOf(slug, c.spec)) });
  if (!pageKey) return pageKey;
  // A page without charts has nothing to render for: its (empty) record lets the next build skip the MDX.
  if (charts.length === 0) chartFileStore().writeRecord(pageKey, []);
  else dropAstroPageCopy(`/issues/${slug}`);
  return pageKey;
}

/**
 * Stores a chart's two files as the page that shows it is rendered. Once every chart listed for
 * the page is stored, the page's record is written under its page key at once: whatever page
 * Astro keeps after a failed build, a record never names files other than those its page was
 * rendered with.
 */
export async function publishChartFiles(chart: { slug: string; ref: string; usage: Loc; input: ChartInput; key: string | undefined; pageKey: string | undefined }): Promise<void> {
  const address = addressOf(chart.slug, chart.ref);
  const { rendered, pages } = registry();
  const known = rendered.get(address);
  if (known && chart.key && known.artifactKey === chart.key && known.pageKey === chart.pageKey) return;
  const store = chartFileStore();
  const made = chartArtifacts();
  const bytes = (body: string | Buffer<ArrayBuffer>) => (typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  // The chart cache wrote both into the store when it made the chart: nothing to read or hash.
  const digests: ChartFileDigests = {
    json: (chart.key && made.fileDigest(chart.key, 'json')) || (await store.put(bytes(await chartJsonBody(chart.input, chart.key)), 'json')),
    csv: (chart.key && made.fileDigest(chart.key, 'csv')) || (await store.put(bytes(await chartCsvBody(chart.input, chart.key)), 'csv')),
  };
  rendered.set(address, { pageKey: chart.pageKey, ref: chart.ref, usage: chart.usage, digests, artifactKey: chart.key });
  const page = pages.get(chart.slug);
  if (chart.pageKey && page?.pageKey === chart.pageKey && page.addresses.every((a) => rendered.get(a)?.pageKey === chart.pageKey)) {
    writePageRecord(chart.pageKey, page.addresses);
  }
}

/** The page's record: its charts' files as this build stored them (or as its record named them), in the order listed. */
function writePageRecord(pageKey: string, addresses: readonly string[]): void {
  const { listed, rendered } = registry();
  const charts = addresses.map((a) => rendered.get(a) ?? listed.get(a));
  if (charts.every((c): c is Listed & { digests: ChartFileDigests } => c?.digests !== undefined)) {
    chartFileStore().writeRecord(pageKey, charts.map(({ ref, usage, digests }) => ({ ref, usage, digests })));
  }
}

/**
 * The build's end: every chart of the build linked from the store into `<outDir>/charts/`, then
 * the store pruned to this build's records and files. A file missing or changed since its page
 * stored it fails the build (building again renders that page), before any link is made. The
 * folders and links are made by the thread pool, so the main thread can draw emails meanwhile.
 */
export async function linkChartFiles(outDir: string): Promise<void> {
  const store = chartFileStore();
  const { listed, rendered, pages } = registry();
  const records = new Set<string>();
  for (const { pageKey } of pages.values()) if (pageKey) records.add(pageKey);
  const published: ChartFileDigests[] = [];
  const folders = new Set<string>();
  const links: { from: string; to: string }[] = [];
  for (const address of new Set([...listed.keys(), ...rendered.keys()])) {
    const chart = rendered.get(address) ?? listed.get(address)!;
    if (chart.pageKey) records.add(chart.pageKey);
    const { digests } = chart;
    folders.add(path.join(outDir, 'charts', ...address.split('/').slice(0, -1)));
    for (const kind of CHART_FILE_KINDS) {
      const file = digests && store.verified(digests[kind], kind);
      if (!file) fail('ChartFileMissing', chart.usage, publicPath(address, kind));
      links.push({ from: file, to: path.join(outDir, 'charts', ...`${address}.${kind}`.split('/')) });
    }
    published.push(digests!);
  }
  // The shared parent first: the issues' folders are then made by one mkdir each.
  if (folders.size) await fs.promises.mkdir(path.join(outDir, 'charts'), { recursive: true });
  await eachInFlight([...folders], (folder) => fs.promises.mkdir(folder, { recursive: true }));
  await eachInFlight(links, ({ from, to }) => linkFile(from, to));
  // A page that rendered a chart its listing did not name is recorded with it too.
  const byPage = new Map<string, string[]>();
  for (const [address, { pageKey }] of rendered) if (pageKey) byPage.set(pageKey, [...(byPage.get(pageKey) ?? []), address]);
  for (const [slug, page] of pages) {
    const addresses = page.pageKey ? byPage.get(page.pageKey) : undefined;
    if (page.pageKey && addresses?.some((a) => !page.addresses.includes(a)) && addresses.every((a) => a.startsWith(`${slug}/`))) {
      writePageRecord(page.pageKey, [...new Set([...page.addresses, ...addresses])]);
    }
  }
  store.saveStamps();
  store.prune(records, published);
}

/** Forgets the charts listed by an earlier build in this process (Astro's build API can run several; one may have failed). */
export function forgetChartFiles(): void {
  registry().listed.clear();
  registry().rendered.clear();
  registry().pages.clear();
}

const publicPath = (address: string, kind: ChartFileKind) => `/charts/${address}.${kind}`;

/** More requests than the thread pool has threads keep it busy; not so many that other file reads wait long behind them. */
const IN_FLIGHT = 32;

/**
 * Runs `fn` over the items, IN_FLIGHT at a time. After a failure no new call starts, and the
 * first error is thrown once the calls in flight have ended: none is left running after it.
 */
async function eachInFlight<T>(items: readonly T[], fn: (item: T) => Promise<unknown>): Promise<void> {
  let failed: { error: unknown } | undefined;
  await mapLimit(items, IN_FLIGHT, async (item) => {
    if (failed) return;
    try {
      await fn(item);
    } catch (error) {
      failed ??= { error };
    }
  });
  if (failed) throw failed.error;
}

