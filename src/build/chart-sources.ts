import { chartArtifacts } from './chart-renderer.ts';
import type { CalendarDate } from '../data/calendar-date.ts';
import type { IssueFigures } from '../figures/compute-figures.ts';
import type { ChartSources } from '../issues/issue-provenance.ts';
import type { Usage } from '../issues/scan-usages.ts';

/**
 * The data files each chart of an issue reads, as the chart itself found them: the same chart
 * the page shows, from the chart cache (made there first when missing). One entry per
 * `<Chart>`, in reading order. A problem fails with the same catalogue entry and place as the
 * chart itself would.
 */
export async function chartSources(usages: readonly Usage[], issueDir: string, asOf: CalendarDate, { datasets, figures }: Pick<IssueFigures, 'datasets' | 'figures'>): Promise<ChartSources[]> {
  const found: ChartSources[] = [];
  for (const u of usages) {
    if (u.kind !== 'chart') continue;
    const { artifact } = await chartArtifacts().get({ ref: u.spec, issueDir, usage: u.usage, asOf, datasets, figures });
    found.push({ ref: u.spec, specFile: artifact.specFile, title: artifact.title, sources: artifact.sources, usage: u.usage });
  }
  return found;
}
