import type { Loc } from '../core/errors.ts';

/** One data file a figure read, as the lock records it. */
export interface SourceLock {
  file: string;
  columns: string[];
  /** Present (true) only when the figure read the latest rows instead of cutting at asOf. */
  latest?: true;
}

/** A figure as published: what readers saw, the value behind it and where it came from. */
export interface FigureLock {
  rendered: string;
  value: number | string;
  sources: SourceLock[];
}

/** A chart as published: a digest of the data bound into its spec, and the files it came from. */
export interface ChartLock {
  data: string;
  sources: string[];
}

export interface IssueLock {
  asOf: string;
  figures: Record<string, FigureLock>;
  /** Keyed by the spec's path relative to the issue folder. */
  charts: Record<string, ChartLock>;
  /** Digest of every data file the issue read, to name the files behind a change. */
  files: Record<string, string>;
}

/** A data file behind a correction, with the rows that changed (as the failed build listed them). */
export interface CorrectedFile {
  file: string;
  /** One line per changed row, e.g. `2026-01-08 (line 6): price 121 → 130`. */
  rows: string[];
  /** Changed rows not listed. */
  more?: number;
  /** Why no rows are listed, when they could not be compared. */
  note?: string;
}

/** A published figure as it read before or after a correction. */
export interface CorrectedValue {
  rendered: string;
  value: number | string;
}

/** One changed published figure, accepted with a reason: what readers are told. */
export interface Correction {
  /** The day of the accept, UTC, YYYY-MM-DD. */
  date: string;
  figure: string;
  old: CorrectedValue;
  /** Null when the figure is no longer computed. */
  now: CorrectedValue | null;
  reason: string;
  files: CorrectedFile[];
}

/** The shape of `tally.lock.json`. */
export interface LockFile {
  version: 1;
  issues: Record<string, IssueLock>;
  /**
   * Corrections of published issues, per slug, oldest first; every accept adds to it and none
   * removes from it. Absent in locks written before corrections existed (none then).
   */
  history?: Record<string, Correction[]>;
}

/** An issue whose figures could not be computed, kept so the page render reports it in place. */
export interface BrokenIssue {
  code: string;
  /** The error's message, its location first when it has one. */
  message: string;
  hint: string;
  loc?: Loc | undefined;
}

/** What the data says now: every published issue computed, drafts named, broken issues set aside. */
export interface Snapshot {
  issues: Record<string, IssueLock>;
  drafts: string[];
  /** Drafts' figures, computed only on request for the figures table. */
  draftIssues?: Record<string, IssueLock>;
  broken: Record<string, BrokenIssue>;
}

export const LOCK_FILE = 'tally.lock.json';
/** The one command that accepts changed figures; every message names it. */
export const ACCEPT_COMMAND = 'npm run accept';
/** The accept command for a change to a published figure, which needs a reason readers will see. */
export const ACCEPT_WITH_REASON = `${ACCEPT_COMMAND} -- --reason "…"`;
