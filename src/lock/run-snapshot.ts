import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fail } from '../core/errors.ts';
import { projectRoot } from '../core/paths.ts';
import type { Snapshot } from './lock-types.ts';

const run = promisify(execFile);
const MARKER = 'TALLY_SNAPSHOT ';

/**
 * Node flags for running Tally's sources as plain TypeScript: none, since Node 24 strips types
 * itself. Keep the sources strip-only (no enums, namespaces or parameter properties).
 */
export const NODE_TS_FLAGS: string[] = [];

/** Takes the snapshot in a child Node process, away from the Vite module graph of the build. */
export async function runSnapshot(): Promise<Snapshot> {
  const cli = fileURLToPath(new URL('./snapshot-cli.ts', import.meta.url));
  const root = projectRoot();
  let stdout: string;
  try {
    ({ stdout } = await run(process.execPath, [...NODE_TS_FLAGS, cli], { cwd: root, env: { ...process.env, TALLY_ROOT: root, TZ: 'UTC' }, maxBuffer: 256 * 1024 * 1024 }));
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    fail('LockFile', { file: 'tally.lock.json' }, `Computing the figures to check against the lock failed: ${(err.stderr || err.message).trim()}`);
  }
  const line = stdout.split('\n').findLast((l) => l.startsWith(MARKER));
  if (!line) fail('LockFile', { file: 'tally.lock.json' }, 'Computing the figures to check against the lock printed no result.');
  return JSON.parse(line.slice(MARKER.length)) as Snapshot;
}
