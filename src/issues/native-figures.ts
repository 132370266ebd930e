import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../core/paths.ts';
import type { CalendarDate } from '../data/calendar-date.ts';
import type { IssueFigures } from '../figures/compute-figures.ts';

type IssueFiguresCode = typeof import('./issue-figures.ts');
type StoresCode = typeof import('../cache/stores.ts');

let native: Promise<IssueFiguresCode> | undefined;

async function loadNative(): Promise<IssueFiguresCode> {
  const url = (...p: string[]) => pathToFileURL(path.join(projectRoot(), 'src', ...p)).href;
  const [code, stores] = await Promise.all([import(/* @vite-ignore */ url('issues', 'issue-figures.ts')) as Promise<IssueFiguresCode>, import(/* @vite-ignore */ url('cache', 'stores.ts')) as Promise<StoresCode>]);
  // Only a build comes here, and the code does not change under it: its cache keys need not stat it.
  stores.freezeCodeVersions();
  return code;
}

/**
 * An issue's figures in `astro build`, by Tally's sources as Node itself loads them (as the lock's
 * snapshot computes them), not by Vite's bundle: bundling every issue's figures module about
 * doubled Vite's part of a 500-issue build, and the build's figures mostly come from the figures
 * cache, which needs no module at all. What comes back is plain data (maps of records), the same
 * whichever copy of the code made it. `astro dev` keeps Vite's modules, so an edit reloads.
 */
export async function nativeIssueFigures(slug: string, dir: string, asOf: CalendarDate): Promise<IssueFigures> {
  native ??= loadNative();
  const code = await native;
  const file = path.join(dir, 'figures.ts');
  if (!fs.existsSync(file)) return code.noFigures();
  return code.issueFiguresLoading(slug, dir, asOf, () => import(/* @vite-ignore */ pathToFileURL(file).href) as Promise<{ default?: unknown }>);
}
