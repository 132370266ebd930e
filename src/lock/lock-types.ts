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

/** The shape of `tally.lock.json`. */
export interface LockFile {
  version: 1;
  issues: Record<string, IssueLock>;
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
