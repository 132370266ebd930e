import { fail, TallyError } from '../core/errors.ts';
import { compareLock } from './compare-lock.ts';
import { figureRows, renderTable } from './figures-table.ts';
import { keepDataCopies } from './data-copies.ts';
import { addRowChanges } from './drift-rows.ts';
import { driftLines } from './format-drift.ts';
import { lockLineOf, readLock, writeLock } from './lock-file.ts';
import { ACCEPT_COMMAND, ACCEPT_WITH_REASON, LOCK_FILE, type LockFile } from './lock-types.ts';
import { acceptDate, addToHistory, changedFigures, newCorrections } from './record-corrections.ts';
import { takeSnapshot } from './snapshot.ts';
import { snapshotInputsDigest, writeCachedSnapshot } from './snapshot-cache.ts';

export interface Effects {
  out(text: string): void;
  err(text: string): void;
}

const USAGE = `Usage: npm run figures [-- --check]   table of every figure, its value, sources, as-of and lock status
       ${ACCEPT_COMMAND}                  accept what the data says now and rewrite ${LOCK_FILE}
       ${ACCEPT_WITH_REASON}  the same, when a published figure changes: readers see the reason`;

/**
 * `npm run figures`: the table. `--check` also exits 1 when a locked figure changed.
 * `--accept` (what `npm run accept` runs): prints what changes, then rewrites the lock from
 * the data as it is now. Returns the exit code.
 */
export async function figuresCommand(args: readonly string[], fx: Effects): Promise<number> {
  const { flags, reason, problem } = readArgs(args);
  const unknown = flags.filter((a) => !['--accept', '--check', '--help'].includes(a));
  if (problem || unknown.length || flags.includes('--help')) {
    fx.err(`${problem ? `${problem}\n` : unknown.length ? `Unknown option ${unknown.join(' ')}.\n` : ''}${USAGE}`);
    return problem || unknown.length ? 2 : 0;
  }
  try {
    // `npm run figures --check` (without `--`) hands the flag to npm, which passes it on as npm_config_check.
    return flags.includes('--accept') ? await accept(fx, reason) : await table(fx, flags.includes('--check') || process.env.npm_config_check === 'true');
  } catch (e) {
    fx.err(describeError(e));
    return 1;
  }
}

async function table(fx: Effects, check: boolean): Promise<number> {
  const lock = readLock();
  const snapshot = await takeSnapshot({ keepGoing: true, drafts: true });
  const rows = figureRows(lock, snapshot);
  fx.out(renderTable(rows));
  const count = (s: string) => rows.filter((r) => r[4] === s).length;
  fx.out(`\n${rows.length} rows: ${count('locked')} locked, ${count('new')} new, ${count('changed')} changed, ${count('removed')} removed, ${count('draft')} in drafts.`);
  for (const [slug, b] of Object.entries(snapshot.broken)) fx.err(`\n${slug} could not be computed:\n${b.message}${b.hint ? `\nHint: ${b.hint}` : ''}`);
  const { drift } = compareLock(lock, snapshot);
  if (drift.length) fx.out(`\nThe production build will fail until the changes are accepted with \`${changedFigures(drift).length ? ACCEPT_WITH_REASON : ACCEPT_COMMAND}\`.`);
  return Object.keys(snapshot.broken).length || (check && drift.length) ? 1 : 0;
}

async function accept(fx: Effects, reason: string | undefined): Promise<number> {
  const lock = readLock();
  const date = acceptDate();
  // Every published issue must compute: accepting around a broken one would drop it silently.
  const digest = snapshotInputsDigest();
  const snapshot = await takeSnapshot();
  // The build that follows checks the lock against these same inputs: let it reuse the snapshot.
  writeCachedSnapshot(digest, snapshot);
  const { drift, added, gone } = compareLock(lock, snapshot);
  const figures = changedFigures(drift);
  // A changed published figure is a correction readers are told about: it needs a reason.
  if (figures.length && !reason) fail('AcceptNeedsReason', { file: LOCK_FILE, line: lockLineOf(figures[0]!.split(':')[0]!) }, figures, ACCEPT_WITH_REASON);
  // The rows behind each change, read while the copies of the locked data are still kept.
  addRowChanges(drift, snapshot);
  const corrections = reason ? newCorrections(drift, lock, snapshot, reason, date) : {};
  const history = addToHistory(lock.history, corrections);
  const next: LockFile = { version: 1, issues: snapshot.issues, ...(history ? { history } : {}) };
  writeLock(next);
  keepDataCopies(next);
  if (drift.length) fx.out(['Accepted:', ...driftLines(drift)].join('\n'));
  const recorded = Object.values(corrections).flat().length;
  if (recorded) fx.out(`Recorded ${recorded === 1 ? 'a correction' : `${recorded} corrections`} dated ${date}, shown to readers on the page, in the feed and in the email: ${figures.join(', ')}.`);
  else if (reason) fx.out('No published figure changed, so the reason was not recorded.');
  if (added.length) fx.out(`Added: ${added.join(', ')}.`);
  if (gone.length) fx.out(`Dropped (no longer published): ${gone.join(', ')}.`);
  if (!drift.length && !added.length && !gone.length) fx.out('Nothing changed: every published figure matches the lock.');
  fx.out(`Wrote ${LOCK_FILE} (${Object.keys(next.issues).length} issues). Commit it with the data change.`);
  return 0;
}

/** Flags, and the value of `--reason "…"` or `--reason=…` (or npm's npm_config_reason, when written before `--`). */
function readArgs(args: readonly string[]): { flags: string[]; reason: string | undefined; problem?: string } {
  const flags: string[] = [];
  let reason: string | undefined = process.env.npm_config_reason;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--reason') {
      if (i + 1 >= args.length || args[i + 1]!.startsWith('--')) return { flags, reason, problem: `--reason needs the reason after it: ${ACCEPT_WITH_REASON}` };
      reason = args[++i];
    } else if (a.startsWith('--reason=')) reason = a.slice('--reason='.length);
    else flags.push(a);
  }
  reason = reason?.replace(/\s+/g, ' ').trim();
  return { flags, reason: reason || undefined };
}

function describeError(e: unknown): string {
  if (e instanceof TallyError) return `${e.title}: ${e.message}${e.hint ? `\nHint: ${e.hint}` : ''}`;
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
