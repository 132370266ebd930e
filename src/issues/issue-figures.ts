import { fail } from '../core/errors.ts';
import type { CalendarDate } from '../data/calendar-date.ts';
import { computeFigures, type IssueFigures } from '../figures/compute-figures.ts';
import { isFiguresModule, type FiguresModule } from '../figures/define-figures.ts';
import { figuresKey, readCachedFigures, storeFigures } from './figures-cache.ts';

/** `content/issues/<slug>/figures.ts`, relative to the project root. */
export function figuresFile(slug: string): string {
  return `content/issues/${slug}/figures.ts`;
}

/**
 * An issue's figures and datasets from its figures module, however the module was loaded (by
 * Vite for pages, natively for the lock and `npm run figures`): checked to be a defineFigures
 * module, then read from the figures cache, or computed and stored. No module: no figures.
 */
export async function issueFiguresOf(slug: string, dir: string, asOf: CalendarDate, mod: { default?: unknown } | undefined): Promise<IssueFigures> {
  if (!mod) return noFigures();
  checkFiguresModule(slug, mod);
  return issueFiguresLoading(slug, dir, asOf, async () => mod);
}

/**
 * As issueFiguresOf, for a module that exists but is imported only when the figures cache cannot
 * answer: an entry was stored by the same module text under the same Tally code, so it was a
 * defineFigures module then and is one now.
 */
export async function issueFiguresLoading(slug: string, dir: string, asOf: CalendarDate, load: () => Promise<{ default?: unknown }>): Promise<IssueFigures> {
  // Kept on disk between builds: an unchanged issue of a large archive costs a file read.
  const key = figuresKey(dir, asOf);
  const cached = key ? readCachedFigures(key) : undefined;
  if (cached) return cached;
  const mod = await load();
  checkFiguresModule(slug, mod);
  const computed = await computeFigures(mod.default, asOf, { file: figuresFile(slug) });
  if (key) storeFigures(key, computed);
  return computed;
}

export function noFigures(): IssueFigures {
  return { figures: new Map(), datasets: new Map(), loaded: new Map() };
}

function checkFiguresModule(slug: string, mod: { default?: unknown }): asserts mod is { default: FiguresModule } {
  const file = figuresFile(slug);
  if (!isFiguresModule(mod.default)) fail('FiguresModule', { file }, `${file} must \`export default defineFigures(…)\` (imported from "#tally").`);
}
