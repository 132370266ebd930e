import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { store } from '../cache/stores.ts';
import { dataFileAbs } from '../data/data-roots.ts';
import { manifestEntry } from '../data/manifest.ts';
import { projectRoot, rel } from '../core/paths.ts';
import { siteConfig } from '../core/site-config.ts';
import { correctionsDigest } from '../lock/corrections.ts';
import { readSpec, specDataRefs } from '../charts/read-spec.ts';
import { resolveDataPath } from '../data/resolve-data-path.ts';
import { findCharts } from '../issues/scan-usages.ts';
import { figuresKey } from '../issues/figures-cache.ts';
import { figuresFingerprint, PageInputs, type NotedInputs } from './noted-inputs.ts';
import { loadIssueFiguresReads } from '../issues/load-issue-figures.ts';
import type { CalendarDate } from '../data/calendar-date.ts';

/** The record of what an issue's page read, kept per slug (not per key: it is what finds the key). */
const pageRecords = () => store('pages');
const readsKey = (slug: string) => pageRecords().key(slug);

/**
 * The `cacheKey` of an issue's page for Astro's incremental build: a digest of its front matter,
 * the site's identity (tally.config.json), its corrections (tally.lock.json), every file of its folder, the chart and figure code
 * that runs outside Vite's module graph, and what the page read when it was last rendered: the
 * chart specs (which may live outside the folder), and the bytes and manifest entry of every
 * data file. Whatever would make the page read other files changes one of those first. A page not rendered here before has its
 * reads worked out from its figures and specs instead. Undefined (the page is rendered) when
 * its figures module depends on more than its folder and its data (see figures-cache.ts), or
 * when working out its reads fails (the page then raises the error where it belongs).
 */
export function issuePageKey(slug: string, frontMatter: { asOf: CalendarDate }, issueDir: string): Promise<string | undefined> {
  // Asked for by the page, its chart files and the feed: once per build is enough, while
  // `astro dev` works it out afresh (a file may have changed since).
  if (inDevServer()) return pageKey(slug, frontMatter, issueDir);
  const memo = ((globalThis as { __tallyPageKeys?: Map<string, Promise<string | undefined>> }).__tallyPageKeys ??= new Map());
  const id = `${projectRoot()}\0${slug}\0${JSON.stringify(frontMatter)}`;
  let key = memo.get(id);
  if (!key) memo.set(id, (key = pageKey(slug, frontMatter, issueDir)));
  return key;
}

/**
 * True under `astro dev`. Plain Node (the lock's snapshot) has no env on import.meta, so reading
 * MODE throws there. Not written with optional chaining: Astro replaces an env object that is not
 * followed by a property with one holding every environment variable whose name the module's text
 * contains (`_`, the shell's last command, is in any text with an underscore), so this module's
 * code, and with it the key of every page, would change with the shell that started the build.
 */
function inDevServer(): boolean {
  try {
    return import.meta.env.MODE === 'development';
  } catch {
    return false;
  }
}

async function pageKey(slug: string, frontMatter: { asOf: CalendarDate }, issueDir: string): Promise<string | undefined> {
  const root = projectRoot();
  const record = readRecord(slug);
  renderedKeys.set(slug, record?.renderedKey);
  const inputs = new PageInputs(record?.digests);
  const names = (fs.readdirSync(issueDir, { recursive: true }) as string[]).sort();
  // First: a page whose figures have no key is rendered, and its reads need not be worked out.
  const hasFigures = fs.existsSync(path.join(issueDir, 'figures.ts'));
  const fingerprint = hasFigures ? figuresFingerprint(issueDir, names, store('figures').version(), frontMatter.asOf, inputs) : undefined;
  const figures = !hasFigures ? '' : fingerprint !== undefined && fingerprint === record?.figures?.[0] ? record.figures[1] : figuresKey(issueDir, frontMatter.asOf);
  if (figures === undefined) return undefined;
  const found = (record && { data: record.data, specs: record.specs }) ?? (await presumedReads(slug, frontMatter.asOf, issueDir));
  if (!found) return undefined;
  const reads = normalized(found);
  const hash = createHash('sha256').update(`${slug}\0${JSON.stringify(frontMatter)}\0${store('artifacts', root).version()}\0`);
  // The layout and the byline read tally.config.json, which is outside Vite's module graph.
  hash.update(`${JSON.stringify(siteConfig(root))}\0`);
  // Its corrections (tally.lock.json's history): the section, the notice and each figure's mark.
  hash.update(`corrections\0${correctionsDigest(slug)}\0`);
  hash.update(figures);
  for (const name of names) {
    const digest = inputs.digest(path.join(issueDir, name));
    if (digest) hash.update(`${name}\0${digest}\0`);
  }
  for (const spec of reads.specs) {
    const digest = inputs.digest(path.join(root, spec));
    if (!digest) return undefined;
    hash.update(`${spec}\0${digest}\0`);
  }
  for (const file of reads.data) {
    const digest = inputs.digest(dataFileAbs(file));
    if (!digest) return undefined;
    hash.update(`${file}\0${digest}\0${JSON.stringify(manifestEntry(file))}\0`);
  }
  const noted: NotedInputs = { digests: inputs.used, ...(fingerprint !== undefined && figures ? { figures: [fingerprint, figures] as [string, string] } : {}) };
  notedThisBuild.set(slug, noted);
  // Noted in the page's record for the next build (a page rendered now notes them as it records its reads).
  if (record && (inputs.changed() || noted.figures?.[0] !== record.figures?.[0])) writeRecord(slug, { ...record, ...noted });
  return hash.digest('hex');
}

/** What a page read: data files (relative to data/) and chart specs (relative to the project root). */
export interface PageReads {
  data: string[];
  specs: string[];
}

/** What a page will read, from what its figures read (noted in their cache, or computed) and its specs, without rendering a chart. */
async function presumedReads(slug: string, asOf: CalendarDate, issueDir: string): Promise<PageReads | undefined> {
  try {
    const { loaded, datasets } = await loadIssueFiguresReads(slug, asOf);
    const reads: PageReads = { data: [...loaded], specs: [] };
    const mdx = path.join(issueDir, 'index.mdx');
    for (const { spec: ref, usage } of findCharts(fs.readFileSync(mdx, 'utf8'), rel(mdx))) {
      const file = readSpec(ref, issueDir, usage);
      reads.specs.push(file.file);
      for (const data of specDataRefs(file.spec)) {
        if (typeof data.url === 'string') reads.data.push(resolveDataPath(data.url, undefined, file.file).file);
        else if (typeof data.name === 'string') reads.data.push(...(datasets.get(data.name) ?? []));
      }
    }
    return reads;
  } catch {
    return undefined;
  }
}

/**
 * Notes what an issue's page read (figures, charts, sources), for its next key, and the key it
 * was rendered under, with what its key noted of its inputs in this build.
 */
export function recordPageReads(slug: string, reads: PageReads, renderedKey: string | undefined): void {
  const noted = notedThisBuild.get(slug) ?? readRecord(slug);
  const text = JSON.stringify({ ...normalized(reads), renderedKey, ...(noted && { digests: noted.digests, figures: noted.figures }) });
  if (pageRecords().readText(readsKey(slug)) === text) return;
  pageRecords().write(readsKey(slug), text);
}

/** The same reads give the same key, whatever order they were found in. */
function normalized(reads: PageReads): PageReads {
  return { data: [...new Set(reads.data)].sort(), specs: [...new Set(reads.specs)].sort() };
}

/**
 * True when the page's key is the one it was last rendered under here: Astro will most likely
 * copy it, so its charts need not be made ahead of it (the prefetch skips it).
 */
export async function renderedUnderSameKey(slug: string, frontMatter: { asOf: CalendarDate }, issueDir: string): Promise<boolean> {
  const key = await issuePageKey(slug, frontMatter, issueDir);
  if (!key) return false;
  return (renderedKeys.has(slug) ? renderedKeys.get(slug) : readRecord(slug)?.renderedKey) === key;
}

/** The key each page was last rendered under, as its record said when its key was worked out in this build. */
const renderedKeys = new Map<string, string | undefined>();

/** What a page's key noted of its inputs in this build, by slug, for the record its page writes as it renders. */
const notedThisBuild = new Map<string, NotedInputs>();

/** A page's record: what it read when it last rendered, the key it rendered under, and what its key noted of its inputs. */
interface PageRecord extends PageReads, Partial<NotedInputs> {
  renderedKey?: string;
}

function readRecord(slug: string): PageRecord | undefined {
  const r = pageRecords().readJson(readsKey(slug)) as Partial<PageRecord> | undefined;
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((f) => typeof f === 'string');
  if (!strings(r?.data) || !strings(r.specs)) return undefined;
  const pair = (v: unknown): v is [string, string] => strings(v) && v.length === 2;
  const digests = r.digests && typeof r.digests === 'object' && Object.values(r.digests).every(pair) ? r.digests : {};
  return { data: r.data, specs: r.specs, renderedKey: typeof r.renderedKey === 'string' ? r.renderedKey : undefined, digests, figures: pair(r.figures) ? r.figures : undefined };
}

function writeRecord(slug: string, record: PageRecord): void {
  pageRecords().write(readsKey(slug), JSON.stringify(record));
}
