import path from 'node:path';
import type { CalendarDate } from '../data/calendar-date.ts';
import { fail } from '../errors.ts';
import { computeFigures, type IssueFigures } from '../figures/compute-figures.ts';
import { isFiguresModule } from '../figures/define-figures.ts';
import { issuesDir } from '../paths.ts';

/** Every issue's figures module, bundled by Vite so edits reload in `astro dev`. */
const modules = import.meta.glob<{ default?: unknown }>('/content/issues/*/figures.ts');

const cache = new Map<string, IssueFigures>();

/**
 * The computed figures and datasets of an issue, at its asOf. Computed once per build; in
 * `astro dev` on every request, so an edit to data or figures shows at once.
 */
export async function loadIssueFigures(slug: string, asOf: CalendarDate): Promise<IssueFigures> {
  const key = `${slug}@${asOf}`;
  const hit = cache.get(key);
  if (hit && import.meta.env.MODE !== 'development') return hit;
  const file = `content/issues/${slug}/figures.ts`;
  const load = modules[`/${file}`];
  let result: IssueFigures;
  if (!load) {
    result = { figures: new Map(), datasets: new Map() };
  } else {
    const mod = await load();
    if (!isFiguresModule(mod.default)) {
      fail('FiguresModule', { file }, `${file} must \`export default defineFigures(…)\` (imported from "#tally").`);
    }
    result = computeFigures(mod.default, asOf, { file });
  }
  cache.set(key, result);
  return result;
}

export function issueDir(slug: string): string {
  return path.join(issuesDir(), slug);
}
