/**
 * `npm run build`: builds the site into a fresh folder beside dist/ and swaps it in only when
 * the build succeeded, so a failed build leaves the last good output in place.
 *
 * Astro's `astro:build:done` hooks (feed, email, OG images, search index) receive the fresh
 * folder as `dir` and write into it before the swap; nothing may assume the output is `dist/`.
 * Telemetry is switched off for the child: the build never reaches the network.
 *
 * The lock (tally.lock.json) is checked when the build starts and written here, after the swap:
 * the build leaves what enters the lock in a pending file, so a failed build never changes it.
 *
 *   node scripts/build.ts [--outDir <dir>] [other astro build flags]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isAlive, removeInBackground } from '../src/build/clear-output.ts';
import { withPromptPurge } from '../src/core/allocator-env.ts';
import { commitPendingLock, PENDING_LOCK_ENV } from '../src/lock/commit-lock.ts';

const root = process.cwd();
const { outDir, rest } = takeOutDir(process.argv.slice(2));
const final = path.resolve(root, outDir);
const parent = path.dirname(final);
const base = path.basename(final);
// Siblings of dist/, so the final rename stays on one file system.
const next = path.join(parent, `.${base}-next-${process.pid}`);
const old = path.join(parent, `.${base}-old-${process.pid}`);
const pendingLock = path.join(parent, `.${base}-lock-${process.pid}.json`);

removeStale();
const astro = path.join(path.dirname(createRequire(path.join(root, 'package.json')).resolve('astro/package.json')), 'bin', 'astro.mjs');
const child = spawn(process.execPath, [astro, 'build', ...rest, '--outDir', next], {
  stdio: 'inherit',
  env: { ...withPromptPurge(process.env), ASTRO_TELEMETRY_DISABLED: '1', [PENDING_LOCK_ENV]: pendingLock },
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));

child.on('close', (code, signal) => {
  if (code !== 0 || !isNonEmptyDir(next)) {
    fs.rmSync(next, { recursive: true, force: true });
    fs.rmSync(pendingLock, { force: true });
    const why = signal ? `was stopped by ${signal}` : code !== 0 ? `failed (exit code ${code})` : 'wrote no output';
    console.error(`\n[tally] The build ${why}; ${rel(final)}/ was left as it was (the last good build).`);
    process.exit(code || 1);
  }
  swapIn();
  console.log(`[tally] The new build is in ${rel(final)}/.`);
  writeLock();
});

/** Moves the old output aside and the new one into place, then has the old removed in the background; undoes the first step if the second fails. */
function swapIn(): void {
  const hadOld = fs.existsSync(final);
  if (hadOld) fs.renameSync(final, old);
  try {
    fs.renameSync(next, final);
  } catch (e) {
    if (hadOld) fs.renameSync(old, final);
    fs.rmSync(next, { recursive: true, force: true });
    console.error(`[tally] Could not move the new build into ${rel(final)}/ (${(e as Error).message}); the last good build is still there.`);
    process.exit(1);
  }
  if (hadOld) removeInBackground([old]);
}

/** Writes the lock the build checked and left pending: only now that the whole build succeeded. */
function writeLock(): void {
  const log = (m: string) => console.log(`[tally] ${m}`);
  try {
    commitPendingLock(pendingLock, { info: log, warn: log });
  } catch (e) {
    fs.rmSync(pendingLock, { force: true });
    console.error(`[tally] The build is in ${rel(final)}/, but tally.lock.json could not be written: ${(e as Error).message}`);
    process.exit(1);
  }
}

/** Removes folders (and pending locks) left by a build that was killed outright, or whose old output is not deleted yet (its process is gone). */
function removeStale(): void {
  if (!fs.existsSync(parent)) return;
  const pattern = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(?:next|old|lock)-(\\d+)(?:\\.json)?$`);
  const olds: string[] = [];
  for (const name of fs.readdirSync(parent)) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (!pid || isAlive(pid)) continue;
    // An old output may still be being deleted by the child its build left it to: another child
    // joins in, and this build does not wait for either.
    if (name.startsWith(`.${base}-old-`)) olds.push(path.join(parent, name));
    else fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  }
  removeInBackground(olds);
}

function isNonEmptyDir(dir: string): boolean {
  return fs.existsSync(dir) && fs.statSync(dir).isDirectory() && fs.readdirSync(dir).length > 0;
}

function takeOutDir(args: string[]): { outDir: string; rest: string[] } {
  const rest: string[] = [];
  let outDir = 'dist';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--outDir') outDir = args[++i] ?? outDir;
    else if (a.startsWith('--outDir=')) outDir = a.slice('--outDir='.length);
    else rest.push(a);
  }
  return { outDir, rest };
}

function rel(p: string): string {
  return path.relative(root, p).split(path.sep).join('/') || '.';
}
