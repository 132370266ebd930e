import fs from 'node:fs';
import path from 'node:path';
import type { CalendarDate } from '../data/calendar-date.ts';
import type { IssueFigures } from '../figures/compute-figures.ts';
import { issuesDir } from '../core/paths.ts';
import { dataFileAbs, issueDataRoot } from '../data/data-roots.ts';
import { listDataFiles } from '../data/manifest.ts';
import { figuresFile, issueFiguresOf } from './issue-figures.ts';

/** Every issue's figures module, bundled by Vite so edits reload in `astro dev`. */
const modules = import.meta.glob<{ default?: unknown }>('/content/issues/*/figures.ts');

// Promises, so that the <Fig>s of a page asking at once share one computation (queries are async).
const cache = new Map<string, { stamp: string; mod: unknown; result: Promise<IssueFigures> }>();

/**
 * The computed figures and datasets of an issue, at its asOf: computed once, and again only
 * when a data file or the figures module changes (an edit in `astro dev` shows at once).
 */
export async function loadIssueFigures(slug: string, asOf: CalendarDate): Promise<IssueFigures> {
  const key = `${slug}@${asOf}`;
  const load = modules[`/${figuresFile(slug)}`];
  const mod = load ? await load() : undefined;
  const stamp = import.meta.env.MODE === 'development' ? dataStamp(slug) : '';
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp && hit.mod === mod) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.result;
  }
  const result = issueFiguresOf(slug, issueDir(slug), asOf, mod);
  cache.delete(key);
  cache.set(key, { stamp, mod, result });
  result.catch(() => cache.get(key)?.result === result && cache.delete(key));
  // Least recently used out: an archive's datasets would otherwise all stay in memory.
  if (cache.size > 64) cache.delete(cache.keys().next().value!);
  return result;
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
