import { chartStatus, figureStatus } from './compare-lock.ts';
import type { IssueLock, LockFile, Snapshot, SourceLock } from './lock-types.ts';

export type Row = [issue: string, name: string, value: string, asOf: string, status: string, sources: string];
const HEAD: Row = ['issue', 'figure', 'value', 'as of', 'lock', 'sources (data/ file: columns)'];

/** One row per figure and chart of every issue, drafts included, with its lock status. */
export function figureRows(lock: LockFile, snapshot: Snapshot): Row[] {
  const rows: Row[] = [];
  const issues: [string, IssueLock, boolean][] = [
    ...Object.entries(snapshot.issues).map(([s, i]): [string, IssueLock, boolean] => [s, i, false]),
    ...Object.entries(snapshot.draftIssues ?? {}).map(([s, i]): [string, IssueLock, boolean] => [s, i, true]),
  ].sort((a, b) => a[0].localeCompare(b[0]));
  for (const [slug, now, draft] of issues) {
    const old = draft ? undefined : lock.issues[slug];
    for (const name of names(old?.figures, now.figures)) {
      const fig = now.figures[name] ?? old!.figures[name]!;
      const status = draft ? 'draft' : figureStatus(old?.figures[name], now.figures[name]);
      const value = status === 'changed' ? `${old!.figures[name]!.rendered} → ${fig.rendered}` : fig.rendered;
      rows.push([slug, name, value, now.asOf, status, sources(fig.sources)]);
    }
    for (const spec of names(old?.charts, now.charts)) {
      const chart = now.charts[spec] ?? old!.charts[spec]!;
      const status = draft ? 'draft' : chartStatus(old?.charts[spec], now.charts[spec]);
      rows.push([slug, `chart ${spec}`, `(data ${chart.data})`, now.asOf, status, chart.sources.join(', ')]);
    }
  }
  return rows;
}

/** Aligned plain-text columns; the last column is left ragged. */
export function renderTable(rows: readonly Row[]): string {
  const all = [HEAD, ...rows];
  const widths = HEAD.map((_, i) => Math.max(...all.map((r) => [...r[i]!].length)));
  const line = (r: Row) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - [...c].length))).join('  ').trimEnd();
  return [line(HEAD), widths.map((w, i) => '-'.repeat(i === widths.length - 1 ? HEAD[i]!.length : w)).join('  '), ...rows.map(line)].join('\n');
}

function sources(list: readonly SourceLock[]): string {
  return list.map((s) => `${s.file}${s.columns.length ? `: ${s.columns.join(', ')}` : ''}${s.latest ? ' (latest, not cut)' : ''}`).join('; ');
}

function names(a: Record<string, unknown> | undefined, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(b), ...Object.keys(a ?? {})])];
}
