import fs from 'node:fs';
import path from 'node:path';
import type { CalendarDate } from '../data/calendar-date.ts';
import type { IssueFigures } from '../figures/compute-figures.ts';
import { issuesDir } from '../core/paths.ts';
import { dataFileAbs, issueDataRoot } from '../data/data-roots.ts';
import { listDataFiles } from '../data/manifest.ts';
import { figuresKey, figuresReadsOf, readCachedReads, storeFiguresReads, type FiguresReads } from './figures-cache.ts';
import { figuresFile, issueFiguresOf } from './issue-figures.ts';
import { nativeIssueFigures } from './native-figures.ts';

type Modules = Record<string, () => Promise<{ default?: unknown }>>;

/**
 * In `astro dev`, every issue's figures module through Vite, so an edit reloads. A build leaves
 * them out of its bundle (the condition is false there, so the glob's imports are dropped) and
 * has Node load them as they are (native-figures.ts).
 */
const modules: Modules | undefined = import.meta.env.DEV ? import.meta.glob<{ default?: unknown }>('/content/issues/*/figures.ts') : undefined;

// Promises, so that the <Fig>s of a page asking at once share one computation (queries are async).
const cache = new Map<string, { stamp: string; mod: unknown; result: Promise<IssueFigures> }>();

/**
 * The computed figures and datasets of an issue, at its asOf: computed once, and again only
 * when a data file or the figures module changes (an edit in `astro dev` shows at once).
 */
export async function loadIssueFigures(slug: string, asOf: CalendarDate): Promise<IssueFigures> {
  const key = `${slug}@${asOf}`;
  const mod = await figuresModule(slug);
  // No await from here to the cache's new entry: pages asking at once must find it.
  const stamp = devStamp(slug);
  const hit = held(key, stamp, mod);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.result;
  }
  const started = performance.now();
  const result = modules ? issueFiguresOf(slug, issueDir(slug), asOf, mod) : nativeIssueFigures(slug, issueDir(slug), asOf);
  // One line per load (computed, or read whole from the figures cache) and its milliseconds.
  const stats = process.env.TALLY_FIGURES_STATS;
  if (stats) void result.then(() => fs.appendFileSync(stats, `${slug} ${(performance.now() - started).toFixed(1)}\n`), () => undefined);
  cache.delete(key);
  cache.set(key, { stamp, mod, result });
  result.catch(() => cache.get(key)?.result === result && cache.delete(key));
  // Least recently used out: an archive's datasets would otherwise all stay in memory.
  if (cache.size > 64) cache.delete(cache.keys().next().value!);
  return result;
}

/**
 * The files an issue's figures read, for its page's key: from the figures in memory, else from
 * the note the figures cache keeps beside them, else by loading the figures. The note spares a
 * cold build a second read of each issue's datasets: the page keys of every issue are worked out
 * before the first chart is drawn, and an archive's datasets do not all stay in memory.
 */
export async function loadIssueFiguresReads(slug: string, asOf: CalendarDate): Promise<FiguresReads> {
  const mod = await figuresModule(slug);
  const hit = held(`${slug}@${asOf}`, devStamp(slug), mod);
  if (hit) return figuresReadsOf(await hit.result);
  // Only figures computed from a defineFigures module of this very text left a note under its key.
  const key = hasFiguresModule(slug, mod) ? figuresKey(issueDir(slug), asOf) : undefined;
  const noted = key && readCachedReads(key);
  if (noted) return noted;
  const figures = await loadIssueFigures(slug, asOf);
  // Figures stored without their note (by an earlier version) get one.
  if (key) storeFiguresReads(key, figures);
  return figuresReadsOf(figures);
}

/** The module as Vite loaded it (in `astro dev`); undefined in a build, which does not load it here. */
async function figuresModule(slug: string): Promise<{ default?: unknown } | undefined> {
  const load = modules?.[`/${figuresFile(slug)}`];
  return load ? await load() : undefined;
}

function hasFiguresModule(slug: string, mod: unknown): boolean {
  return modules ? mod !== undefined : fs.existsSync(path.join(issueDir(slug), 'figures.ts'));
}

/** The figures memory holds for this module and data, if any. */
function held(key: string, stamp: string, mod: unknown) {
  const hit = cache.get(key);
  return hit && hit.stamp === stamp && hit.mod === mod ? hit : undefined;
}

/** In `astro dev`, what shows a data file's edit; in a build, nothing changes under it. */
function devStamp(slug: string): string {
  return import.meta.env.MODE === 'development' ? dataStamp(slug) : '';
}

/** Modification times of every data file the issue can read (and the manifests), to notice an edit in dev. */
function dataStamp(slug: string): string {
  const own = issueDataRoot(slug);
  return [...listDataFiles(), 'manifest.yaml', ...listDataFiles(own), `${own.prefix}manifest.yaml`]
    .map((f) => {
      try {
        const st = fs.statSync(dataFileAbs(f));
        return `${f}:${st.mtimeMs}:${st.size}`;
      } catch {
        return `${f}:-`;
      }
    })
    .join('|');
}

export function issueDir(slug: string): string {
  return path.join(issuesDir(), slug);
}
