import { execFile } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fail } from '../core/errors.ts';
import { projectRoot } from '../core/paths.ts';
import { withCompileCache } from '../cache/node-compile-cache.ts';
import { listIssueSlugs } from '../issues/read-issues.ts';
import type { Snapshot } from './lock-types.ts';

const run = promisify(execFile);
const MARKER = 'TALLY_SNAPSHOT ';

/**
 * Node flags for running Tally's sources as plain TypeScript: none, since Node 24 strips types
 * itself. Keep the sources strip-only (no enums, namespaces or parameter properties).
 */
export const NODE_TS_FLAGS: string[] = [];

/** Below this many issues a second process costs more (Node and the modules loaded again) than it saves. */
const ISSUES_PER_PROCESS = 8;

/**
 * Takes the snapshot in child Node processes, away from the Vite module graph of the build: one
 * per core, each computing every n-th issue. The build waits for the check before anything else
 * runs, so one process alone would leave the other cores idle while it computes every figure
 * and binds every chart of a cold build.
 */
export async function runSnapshot(): Promise<Snapshot> {
  const count = Math.max(1, Math.min(os.availableParallelism(), Math.floor(listIssueSlugs().length / ISSUES_PER_PROCESS)));
  const parts = await Promise.all(Array.from({ length: count }, (_, index) => runShard(index, count)));
  return count === 1 ? parts[0]! : mergeSnapshots(parts);
}

async function runShard(index: number, count: number): Promise<Snapshot> {
  const cli = fileURLToPath(new URL('./snapshot-cli.ts', import.meta.url));
  const root = projectRoot();
  let stdout: string;
  try {
    ({ stdout } = await run(process.execPath, [...NODE_TS_FLAGS, cli, '--shard', `${index}/${count}`], { cwd: root, env: { ...withCompileCache(root), TALLY_ROOT: root, TZ: 'UTC' }, maxBuffer: 256 * 1024 * 1024 }));
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    fail('LockFile', { file: 'tally.lock.json' }, `Computing the figures to check against the lock failed: ${(err.stderr || err.message).trim()}`);
  }
  const line = stdout.split('\n').findLast((l) => l.startsWith(MARKER));
  if (!line) fail('LockFile', { file: 'tally.lock.json' }, 'Computing the figures to check against the lock printed no result.');
  return JSON.parse(line.slice(MARKER.length)) as Snapshot;
}

/** The snapshots of the shards as one, each part in slug order as one process would list it. */
export function mergeSnapshots(parts: readonly Snapshot[]): Snapshot {
  const bySlug = <T>(records: Record<string, T>[]): Record<string, T> => Object.fromEntries(records.flatMap((r) => Object.entries(r)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const merged: Snapshot = { issues: bySlug(parts.map((p) => p.issues)), drafts: parts.flatMap((p) => p.drafts).sort(), broken: bySlug(parts.map((p) => p.broken)) };
  if (parts.some((p) => p.draftIssues)) merged.draftIssues = bySlug(parts.map((p) => p.draftIssues ?? {}));
  return merged;
}
