import type { ChartLock, FigureLock, IssueLock, LockFile, Snapshot } from './lock-types.ts';
import type { RowChanges } from './row-diff.ts';

export type Status = 'locked' | 'new' | 'changed' | 'removed';

/** One published number or chart that would read differently, old → new. */
export interface Change {
  kind: 'figure' | 'chart';
  name: string;
  old: string;
  now: string;
  /** For a figure: true when readers would read other text (not only a value below its rounding). */
  textChanged?: boolean;
}

/** A published issue whose figures or charts the data would change. */
export interface IssueDrift {
  slug: string;
  asOf: { old: string; now: string };
  changes: Change[];
  /** Data files read by the issue whose digest differs from the lock. */
  files: ChangedFile[];
}

/** A data file whose bytes differ from the lock's record, with its changed rows once looked up (drift-rows.ts). */
export interface ChangedFile {
  file: string;
  old: string | undefined;
  now: string | undefined;
  rows?: RowChanges | { unavailable: string };
}

export interface Comparison {
  drift: IssueDrift[];
  /** What enters the lock without ceremony: new issues, and new figures or charts of locked ones. */
  added: string[];
  /** Locked issues that are no longer published (deleted, or made drafts again). */
  gone: string[];
  /** The lock with every addition and no change: what a passing build writes. */
  merged: LockFile;
}

export function figureStatus(locked: FigureLock | undefined, now: FigureLock | undefined): Status {
  if (!locked) return 'new';
  if (!now) return 'removed';
  return locked.rendered === now.rendered && locked.value === now.value ? 'locked' : 'changed';
}

export function chartStatus(locked: ChartLock | undefined, now: ChartLock | undefined): Status {
  if (!locked) return 'new';
  if (!now) return 'removed';
  return locked.data === now.data ? 'locked' : 'changed';
}

/** Compares what the data says now with the lock. Pure: reads and writes nothing. */
export function compareLock(lock: LockFile, snapshot: Snapshot): Comparison {
  const merged: LockFile = structuredClone(lock);
  const drift: IssueDrift[] = [];
  const added: string[] = [];
  for (const [slug, now] of Object.entries(snapshot.issues)) {
    const old = lock.issues[slug];
    if (!old) {
      merged.issues[slug] = now;
      added.push(`${slug} (new issue)`);
      continue;
    }
    const entry = merged.issues[slug]!;
    const changes: Change[] = [];
    for (const name of union(old.figures, now.figures)) {
      const status = figureStatus(old.figures[name], now.figures[name]);
      if (status === 'new') {
        entry.figures[name] = now.figures[name]!;
        added.push(`${slug}: figure ${name}`);
      } else if (status !== 'locked') {
        changes.push({
          kind: 'figure',
          name,
          old: shown(old.figures[name]!, now.figures[name]),
          now: now.figures[name] ? shown(now.figures[name], old.figures[name]) : '(no longer computed)',
          textChanged: now.figures[name]?.rendered !== old.figures[name]!.rendered,
        });
      }
    }
    for (const spec of union(old.charts, now.charts)) {
      const status = chartStatus(old.charts[spec], now.charts[spec]);
      if (status === 'new') {
        entry.charts[spec] = now.charts[spec]!;
        added.push(`${slug}: chart ${spec}`);
      } else if (status !== 'locked') {
        changes.push({ kind: 'chart', name: spec, old: `data ${old.charts[spec]!.data}`, now: now.charts[spec] ? `data ${now.charts[spec].data}` : '(no longer in the issue)' });
      }
    }
    for (const [file, digest] of Object.entries(now.files)) if (!(file in entry.files)) entry.files[file] = digest;
    if (changes.length) drift.push({ slug, asOf: { old: old.asOf, now: now.asOf }, changes, files: changedFiles(old, now) });
  }
  const gone = Object.keys(lock.issues).filter((slug) => !(slug in snapshot.issues) && !(slug in snapshot.broken));
  return { drift, added, gone, merged };
}

/** The rendered value, with the raw value too when the rendered text alone shows no difference. */
function shown(fig: FigureLock, other: FigureLock | undefined): string {
  return other && other.rendered === fig.rendered ? `${fig.rendered} (value ${JSON.stringify(fig.value)})` : fig.rendered;
}

function changedFiles(old: IssueLock, now: IssueLock): IssueDrift['files'] {
  return union(old.files, now.files)
    .filter((file) => old.files[file] !== now.files[file])
    .map((file) => ({ file, old: old.files[file], now: now.files[file] }));
}

function union(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}
