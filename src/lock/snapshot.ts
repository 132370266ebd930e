import { TallyError } from '../core/errors.ts';
import type { IssueLock, Snapshot } from './lock-types.ts';
import { listIssueSlugs, readIssue } from '../issues/read-issues.ts';
import { snapshotIssue } from './snapshot-issue.ts';

export interface SnapshotOptions {
  /**
   * Set aside an issue that fails to compute instead of throwing. The build check does this so
   * the page render reports the problem at its exact place, as it would without the lock.
   */
  keepGoing?: boolean;
  /** Compute drafts too (into `draftIssues`), for the figures table; they are never locked. */
  drafts?: boolean;
  /** Only every `count`-th issue, from the `index`-th: the build's check splits the issues over processes. */
  shard?: { index: number; count: number };
}

/** Every issue computed from the data as it is now. Drafts are listed, never computed. */
export async function takeSnapshot(options: SnapshotOptions = {}): Promise<Snapshot> {
  const snapshot: Snapshot = { issues: {}, drafts: [], broken: {} };
  const { index, count } = options.shard ?? { index: 0, count: 1 };
  for (const slug of listIssueSlugs().filter((_, i) => i % count === index)) {
    try {
      const issue = readIssue(slug);
      if (issue.data.draft) {
        snapshot.drafts.push(slug);
        if (options.drafts) (snapshot.draftIssues ??= {})[slug] = await snapshotIssue(issue);
        continue;
      }
      const lock: IssueLock = await snapshotIssue(issue);
      snapshot.issues[slug] = lock;
    } catch (e) {
      if (!options.keepGoing) throw e;
      const err = e as Error;
      snapshot.broken[slug] = {
        code: e instanceof TallyError ? e.code : err.name,
        message: err.message,
        hint: e instanceof TallyError ? (e.hint ?? '') : '',
        loc: e instanceof TallyError ? e.where : undefined,
      };
    }
  }
  return snapshot;
}
