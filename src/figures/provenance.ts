import { formatCalendarDate, type CalendarDate } from '../data/calendar-date.ts';
import { dataFilePath } from '../data/data-roots.ts';
import { manifestEntry } from '../data/manifest.ts';
import type { SourceRef } from './track-reads.ts';

/** "Title (data/file.csv: col1, col2; illustrative)" (an issue's own file by its path from the project root), one per source, for hover notes and captions. */
export function describeSources(sources: readonly SourceRef[]): string {
  return sources
    .map((s) => {
      const entry = manifestEntry(s.file);
      const cols = s.columns.length ? `: ${s.columns.join(', ')}` : '';
      const flags = [entry?.illustrative ? 'illustrative' : '', s.latest ? 'latest data, not cut at the issue date' : ''].filter(Boolean);
      return `${entry?.title ?? s.file} (${dataFilePath(s.file)}${cols}${flags.length ? `; ${flags.join('; ')}` : ''})`;
    })
    .join('; ');
}

/** The note a reader sees on an inline figure: what it is, where it comes from, as of when. */
export function figureNote(description: string, sources: readonly SourceRef[], asOf: CalendarDate): string {
  // A figure that opted out of the cut reads the latest rows: "as of" the issue date would be untrue.
  const when = sources.some((s) => s.latest) ? 'Latest data at build time, not cut at the issue date.' : `As of ${formatCalendarDate(asOf)}.`;
  return `${description.replace(/\.$/, '')}. Source: ${describeSources(sources)}. ${when}`;
}

export function isIllustrative(sources: readonly SourceRef[]): boolean {
  return sources.some((s) => manifestEntry(s.file)?.illustrative);
}
