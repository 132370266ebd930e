import fs from 'node:fs';
import { digestOf } from './canonical-json.ts';
import { lockPath, readLock } from './lock-file.ts';
import type { Correction, LockFile } from './lock-types.ts';

/** A correction as readers see it, numbered in its issue's list (its anchor is `correction-<n>`). */
export interface IssueCorrection extends Correction {
  n: number;
  anchor: string;
}

/** The lock last read, reused while its file is unchanged: a page asks once per figure. */
let memo: { stamp: string; lock: LockFile } | undefined;

function currentLock(): LockFile {
  let stamp = 'none';
  try {
    const s = fs.statSync(lockPath());
    stamp = `${s.size}\0${s.mtimeMs}\0${s.ino}`;
  } catch {
    // no lock yet: readLock gives an empty one
  }
  if (memo?.stamp !== stamp) memo = { stamp, lock: readLock() };
  return memo.lock;
}

/** The corrections of an issue recorded in the lock, oldest first (none for an issue never corrected). */
export function issueCorrections(slug: string, lock: LockFile = currentLock()): IssueCorrection[] {
  return (lock.history?.[slug] ?? []).map((c, i) => ({ ...c, n: i + 1, anchor: `correction-${i + 1}` }));
}

/** The latest correction of one figure of an issue, which its mark on the page links to. */
export function figureCorrection(slug: string, figure: string): IssueCorrection | undefined {
  return issueCorrections(slug).findLast((c) => c.figure === figure);
}

/** A digest of an issue's corrections, for the keys of what shows them (the page, the feed). */
export function correctionsDigest(slug: string): string {
  const list = currentLock().history?.[slug];
  return list?.length ? digestOf(list) : 'none';
}

/** "$121.00 → $130.00", or "$121.00 → no longer given" for a figure the issue no longer computes. */
export function correctionChange(c: Correction): { old: string; now: string } {
  return { old: c.old.rendered, now: c.now ? c.now.rendered : 'no longer given' };
}

/**
 * One line of plain text per correction, for the feed and any text rendition: "Corrected
 * 2026-03-02: Last widget price, $121.00 → $130.00. The source revised its January prices."
 * `label` names the figure for readers (its description), falling back to its name.
 */
export function correctionText(c: Correction, label = c.figure): string {
  const { old, now } = correctionChange(c);
  const reason = c.reason.trim();
  return `Corrected ${c.date}: ${label.replace(/\.$/, '')}, ${old} → ${now}. ${reason}${/[.!?]$/.test(reason) ? '' : '.'}`;
}
