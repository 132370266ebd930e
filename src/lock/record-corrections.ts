import { fail } from '../core/errors.ts';
import { isCalendarDate } from '../data/calendar-date.ts';
import type { ChangedFile, IssueDrift } from './compare-lock.ts';
import type { CorrectedFile, Correction, FigureLock, LockFile, Snapshot } from './lock-types.ts';

/** Overrides the day an accept records (YYYY-MM-DD), for tests and for back-dating a correction. */
export const TODAY_ENV = 'TALLY_TODAY';

/** The day of the accept, UTC, or TALLY_TODAY when set. */
export function acceptDate(env: NodeJS.ProcessEnv = process.env): string {
  const set = env[TODAY_ENV];
  if (set === undefined || set === '') return new Date().toISOString().slice(0, 10);
  if (!isCalendarDate(set)) fail('AcceptDate', { file: TODAY_ENV }, set);
  return set;
}

/**
 * The published figures whose text readers would read differently, as "slug: name". A value
 * that moved below its rounding (0.124 → 0.12400000000000001, both "+12.4%") still needs an
 * accept, but it is no correction: nothing a reader was told has changed.
 */
export function changedFigures(drift: readonly IssueDrift[]): string[] {
  return drift.flatMap((issue) => issue.changes.filter((c) => c.kind === 'figure' && c.textChanged !== false).map((c) => `${issue.slug}: ${c.name}`));
}

/**
 * The corrections an accept records: one per figure of a published issue whose text changed, with the
 * value it had and has, the reason and the data rows behind it (drift-rows.ts filled them in).
 * A chart whose data changed is not a correction of its own: the figures are what prose states.
 */
export function newCorrections(drift: readonly IssueDrift[], lock: LockFile, snapshot: Snapshot, reason: string, date: string): Record<string, Correction[]> {
  const out: Record<string, Correction[]> = {};
  for (const issue of drift) {
    const old = lock.issues[issue.slug];
    const now = snapshot.issues[issue.slug];
    for (const change of issue.changes) {
      const before = old?.figures[change.name];
      if (change.kind !== 'figure' || !before || change.textChanged === false) continue;
      const after = now?.figures[change.name];
      const read = new Set([...before.sources, ...(after?.sources ?? [])].map((s) => s.file));
      (out[issue.slug] ??= []).push({
        date,
        figure: change.name,
        old: shown(before),
        now: after ? shown(after) : null,
        reason,
        files: issue.files.filter((f) => read.has(f.file)).map(correctedFile),
      });
    }
  }
  return out;
}

/** The earlier history with the new corrections after it: an accept never drops a correction. */
export function addToHistory(earlier: LockFile['history'], added: Record<string, Correction[]>): LockFile['history'] {
  const history: Record<string, Correction[]> = structuredClone(earlier ?? {});
  for (const [slug, list] of Object.entries(added)) history[slug] = [...(history[slug] ?? []), ...list];
  return Object.keys(history).length ? history : undefined;
}

function shown(fig: FigureLock): Correction['old'] {
  return { rendered: fig.rendered, value: fig.value };
}

function correctedFile(f: ChangedFile): CorrectedFile {
  if (!f.old) return { file: f.file, rows: [], note: 'read since this correction, not before' };
  if (!f.now) return { file: f.file, rows: [], note: 'no longer read' };
  if (!f.rows) return { file: f.file, rows: [], note: 'changed' };
  if ('unavailable' in f.rows) return { file: f.file, rows: [], note: f.rows.unavailable };
  return { file: f.file, rows: f.rows.rows, ...(f.rows.more ? { more: f.rows.more } : {}) };
}
