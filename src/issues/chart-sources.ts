import { chartArtifacts } from '../charts/chart-renderer.ts';
import type { CalendarDate } from '../data/calendar-date.ts';
import type { Loc } from '../errors.ts';
import type { ComputedDataset } from '../figures/compute-figures.ts';
import type { SourceRef } from '../figures/track-reads.ts';
import type { Usage } from './scan-usages.ts';

/** A chart of an issue as the provenance section names it: its caption and the files it reads. */
export interface ChartSources {
  /** The spec as written in `<Chart spec="…">`. */
  ref: string;
  /** The spec file, relative to the project root. */
  specFile: string;
  title: string;
  sources: SourceRef[];
  usage: Loc;
}

/**
 * The data files each chart of an issue reads, as the chart itself found them: the same chart
 * the page shows, from the chart cache (made there first when missing). One entry per
 * `<Chart>`, in reading order. A problem fails with the same catalogue entry and place as the
 * chart itself would.
 */
export async function chartSources(usages: readonly Usage[], issueDir: string, asOf: CalendarDate, datasets: ReadonlyMap<string, ComputedDataset>): Promise<ChartSources[]> {
  const found: ChartSources[] = [];
  for (const u of usages) {
    if (u.kind !== 'chart') continue;
    const { artifact } = await chartArtifacts().get({ ref: u.spec, issueDir, usage: u.usage, asOf, datasets });
    found.push({ ref: u.spec, specFile: artifact.specFile, title: artifact.title, sources: artifact.sources, usage: u.usage });
  }
  return found;
}
