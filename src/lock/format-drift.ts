import { dataFilePath } from '../data/data-roots.ts';
import { LOCK_FILE, type BrokenIssue } from './lock-types.ts';
import type { ChangedFile, IssueDrift } from './compare-lock.ts';

/**
 * The readable diff a failed build prints: per issue, each figure or chart old → new, then the
 * data files whose bytes changed since the lock was written, with the rows that changed. Issues
 * that could not be computed follow, with their error, so none drops out of the check unseen.
 */
export function formatDrift(drift: readonly IssueDrift[], broken: Readonly<Record<string, BrokenIssue>> = {}): string {
  const lines = [`The data would change ${count(drift.length, 'published issue')} recorded in ${LOCK_FILE}:`, ...driftLines(drift)];
  const unchecked = Object.entries(broken);
  if (unchecked.length) lines.push('', `${count(unchecked.length, 'more published issue')} could not be computed, so ${unchecked.length === 1 ? 'it was' : 'they were'} not compared with the lock:`, ...brokenLines(broken));
  return lines.join('\n');
}

/**
 * Whether the drift comes, at least in part, from the data: a data file added, dropped, or with
 * rows changed up to the as-of date (or rows that could not be compared). Otherwise the figures
 * module, a spec or the front matter changed, and the lock's hint says so.
 */
export function dataChanged(drift: readonly IssueDrift[]): boolean {
  return drift.some((issue) =>
    issue.files.some((f) => !f.old || !f.now || !f.rows || 'unavailable' in f.rows || f.rows.rows.length > 0 || f.rows.more > 0),
  );
}

export function driftLines(drift: readonly IssueDrift[]): string[] {
  const lines: string[] = [];
  for (const issue of drift) {
    const asOf = issue.asOf.old === issue.asOf.now ? issue.asOf.now : `${issue.asOf.old} → ${issue.asOf.now}`;
    lines.push('', `  ${issue.slug} (as of ${asOf})`);
    const width = Math.max(...issue.changes.map((c) => label(c).length));
    for (const c of issue.changes) lines.push(`    ${label(c).padEnd(width)}  ${c.old} → ${c.now}`);
    if (issue.files.length) {
      for (const f of issue.files) lines.push(...fileLines(f));
    } else {
      lines.push('    no data file changed: the figures module, a spec or the front matter did.');
    }
  }
  return lines;
}

export function brokenLines(broken: Readonly<Record<string, BrokenIssue>>): string[] {
  const lines: string[] = [];
  for (const [slug, b] of Object.entries(broken)) {
    lines.push('', `  ${slug}: ${b.message}`);
    if (b.hint) lines.push(`    Hint: ${b.hint}`);
  }
  return lines;
}

function fileLines(f: ChangedFile): string[] {
  const name = dataFilePath(f.file);
  if (!f.old) return [`    ${name} is read now and was not when the lock was written.`];
  if (!f.now) return [`    ${name} is no longer read.`];
  const rows = f.rows;
  if (!rows) return [`    ${name} changed since the lock (${f.old} → ${f.now}).`];
  if ('unavailable' in rows) return [`    ${name} changed since the lock (${f.old} → ${f.now}); ${rows.unavailable}: see \`git diff ${name}\`.`];
  const lines = [`    ${name} changed since the lock:`, ...rows.rows.map((r) => `      ${r}`)];
  if (rows.more) lines.push(`      … and ${count(rows.more, 'more changed row')}: see \`git diff ${name}\`.`);
  if (rows.later) lines.push(`      (${count(rows.later, 'changed row')} dated after the as-of date, which the issue does not read.)`);
  if (!rows.rows.length && !rows.more) lines.push('      no row up to the as-of date changed: the figures module, a spec or the front matter did.');
  return lines;
}

function label(c: IssueDrift['changes'][number]): string {
  return c.kind === 'figure' ? c.name : `chart ${c.name}`;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
