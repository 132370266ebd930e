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
import { CHART_FILE_KINDS, chartFileStore, type ChartFileDigests, type ChartFileKind } from '../cache/chart-file-store.ts';
import { prepareChart, type ChartInput } from '../charts/build-chart.ts';
import { tableCsv } from '../charts/data-table.ts';
import { interactiveChartJson } from '../charts/interactive-spec.ts';
import { chartKey } from '../core/chart-routes.ts';
import { fail, type Loc } from '../core/errors.ts';
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
  const compiled = key ? store.interactiveJson(key) : undefined;
  if (compiled) return compiled;
  // Made first if this address is asked for before the page, as in `astro dev`.
  let json = key ? store.specJson(key) : undefined;
  if (!json && key) json = (await store.get(input), store.specJson(key));
  return (json && key ? store.interactiveJson(key) : undefined) ?? interactiveChartJson(json ? json.toString('utf8') : JSON.stringify(everyRow(prepareChart(input))));
}

/** Every row behind the chart as CSV: kept beside the chart when its data was bound; bound again only when the cache has none. */
export async function chartCsvBody(input: ChartInput, key = chartArtifacts().keyOf(input)): Promise<string | Buffer<ArrayBuffer>> {
  const store = chartArtifacts();
  let csv = key ? store.csv(key) : undefined;
  if (!csv && key && !store.specJson(key)) csv = (await store.get(input), store.csv(key));
  return csv ?? tableCsv(prepareChart(input).bound.primary?.rows ?? []);
}

/** The spec with every row and without its title (the caption shows it), as the chart cache stores it. */
function everyRow({ spec, bound }: ReturnType<typeof prepareChart>): Record<string, unknown> {
  if (bound.full === bound.spec) return spec;
  const { title: _t, ...full } = bound.full;
  return full;
}

interface Listed {
  recordKey: string | undefined;
  usage: Loc;
}
interface Rendered extends Listed {
  digests: ChartFileDigests;
  /** The chart's key in the chart cache: the page and the feed render the same chart once here. */
  artifactKey: string | undefined;
}

/** This build's charts, by address (`<issue>/<chart>`): on globalThis, shared by the pages and the integration. */
function registry(): { listed: Map<string, Listed>; rendered: Map<string, Rendered> } {
  const slot = globalThis as { __tallyChartFiles?: { listed: Map<string, Listed>; rendered: Map<string, Rendered> } };
  return (slot.__tallyChartFiles ??= { listed: new Map(), rendered: new Map() });
}

const addressOf = (slug: string, ref: string) => `${slug}/${chartKey(ref)}`;
/** What a page's chart's record is kept under: the page's key (which covers the chart's inputs) and the spec it names. */
const recordKeyOf = (pageKey: string | undefined, ref: string) => (pageKey ? `${pageKey}:${ref}` : undefined);

/**
 * The issue page's cacheKey (its page key), once its charts are listed for the build's end.
 * Astro may copy the page only while every chart has its files in the store under that key;
 * otherwise the page's stored copy is dropped, so Astro renders it (which stores the files) and
 * keeps the new copy under the same key for the next build.
 */
export function chartPageCacheKey(slug: string, pageKey: string | undefined, issueDir: string): string | undefined {
  const mdx = path.join(issueDir, 'index.mdx');
  const store = chartFileStore();
  let ready = true;
  for (const { spec: ref, usage } of findCharts(fs.readFileSync(mdx, 'utf8'), rel(mdx))) {
    const recordKey = recordKeyOf(pageKey, ref);
    registry().listed.set(addressOf(slug, ref), { recordKey, usage });
    if (ready && !(recordKey && store.recordVerified(recordKey))) ready = false;
  }
  if (!ready && pageKey) dropAstroPageCopy(`/issues/${slug}`);
  return pageKey;
}

/**
 * Stores a chart's two files as the page that shows it is rendered, and records them under the
 * page's key at once: whatever page Astro keeps after a failed build, a record never names files
 * other than those its page was rendered with.
 */
export async function publishChartFiles(chart: { slug: string; ref: string; usage: Loc; input: ChartInput; key: string | undefined; pageKey: string | undefined }): Promise<void> {
  const address = addressOf(chart.slug, chart.ref);
  const recordKey = recordKeyOf(chart.pageKey, chart.ref);
  const known = registry().rendered.get(address);
  if (known && chart.key && known.artifactKey === chart.key && known.recordKey === recordKey) return;
  const store = chartFileStore();
  const bytes = (body: string | Buffer<ArrayBuffer>) => (typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  const digests: ChartFileDigests = {
    json: store.put(bytes(await chartJsonBody(chart.input, chart.key)), 'json'),
    csv: store.put(bytes(await chartCsvBody(chart.input, chart.key)), 'csv'),
  };
  if (recordKey) store.writeRecord(recordKey, digests);
  registry().rendered.set(address, { recordKey, usage: chart.usage, digests, artifactKey: chart.key });
}

/**
 * The build's end: every chart of the build linked from the store into `<outDir>/charts/`, then
 * the store pruned to this build's records and files. A file missing or changed since its page
 * stored it fails the build (building again renders that page).
 */
export function linkChartFiles(outDir: string): void {
  const store = chartFileStore();
  const { listed, rendered } = registry();
  const records = new Set<string>();
  const published: ChartFileDigests[] = [];
  for (const address of new Set([...listed.keys(), ...rendered.keys()])) {
    const chart = rendered.get(address) ?? listed.get(address)!;
    if (chart.recordKey) records.add(chart.recordKey);
    const digests = rendered.get(address)?.digests ?? (chart.recordKey ? store.readRecord(chart.recordKey) : undefined);
    for (const kind of CHART_FILE_KINDS) {
      const file = digests && store.verified(digests[kind], kind);
      if (!file) fail('ChartFileMissing', chart.usage, publicPath(address, kind));
      linkOrCopy(file, path.join(outDir, 'charts', ...`${address}.${kind}`.split('/')));
    }
    published.push(digests!);
  }
  store.saveStamps();
  store.prune(records, published);
}

/** Forgets the charts listed by an earlier build in this process (Astro's build API can run several; one may have failed). */
export function forgetChartFiles(): void {
  registry().listed.clear();
  registry().rendered.clear();
}

const publicPath = (address: string, kind: ChartFileKind) => `/charts/${address}.${kind}`;

function linkOrCopy(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.rmSync(to, { force: true });
  try {
    fs.linkSync(from, to);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EXDEV' && code !== 'EPERM') throw e;
    fs.copyFileSync(from, to);
  }
}
