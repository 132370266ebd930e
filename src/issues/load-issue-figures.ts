import fs from 'node:fs';
import path from 'node:path';
import type { CalendarDate } from '../data/calendar-date.ts';
import { fail } from '../core/errors.ts';
import { computeFigures, type IssueFigures } from '../figures/compute-figures.ts';
import { isFiguresModule } from '../figures/define-figures.ts';
import { dataDir, issuesDir } from '../core/paths.ts';
import { listDataFiles } from '../data/manifest.ts';
import { figuresKey, readCachedFigures, storeFigures } from './figures-cache.ts';

/** Every issue's figures module, bundled by Vite so edits reload in `astro dev`. */
const modules = import.meta.glob<{ default?: unknown }>('/content/issues/*/figures.ts');

const cache = new Map<string, { stamp: string; mod: unknown; result: IssueFigures }>();

/**
 * The computed figures and datasets of an issue, at its asOf: computed once, and again only
 * when a data file or the figures module changes (an edit in `astro dev` shows at once).
 */
export async function loadIssueFigures(slug: string, asOf: CalendarDate): Promise<IssueFigures> {
  const key = `${slug}@${asOf}`;
  const file = `content/issues/${slug}/figures.ts`;
  const load = modules[`/${file}`];
  const mod = load ? await load() : undefined;
  const stamp = import.meta.env.MODE === 'development' ? dataStamp() : '';
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp && hit.mod === mod) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.result;
  }
  let result: IssueFigures;
  if (!mod) {
    result = { figures: new Map(), datasets: new Map(), loaded: new Map() };
  } else {
    if (!isFiguresModule(mod.default)) {
      fail('FiguresModule', { file }, `${file} must \`export default defineFigures(…)\` (imported from "#tally").`);
    }
    // Kept on disk between builds too: an unchanged issue of a large archive costs a file read.
    const key = figuresKey(issueDir(slug), asOf);
    const cached = key ? readCachedFigures(key) : undefined;
    result = cached ?? computeFigures(mod.default, asOf, { file });
    if (key && !cached) storeFigures(key, result);
  }
  cache.delete(key);
  cache.set(key, { stamp, mod, result });
  // Least recently used out: an archive's datasets would otherwise all stay in memory.
  if (cache.size > 64) cache.delete(cache.keys().next().value!);
  return result;
}

/** Modification times of every file in data/ (and the manifest), to notice an edit in dev. */
function dataStamp(): string {
  const dir = dataDir();
  return [...listDataFiles(dir), 'manifest.yaml']
    .map((f) => {
      try {
        const st = fs.statSync(path.join(dir, f));
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
