/**
 * `npm run build`: builds the site into a fresh folder beside dist/ and swaps it in only when
 * the build succeeded, so a failed build leaves the last good output in place.
 *
 * Astro's `astro:build:done` hooks (feed, email, OG images, search index) receive the fresh
 * folder as `dir` and write into it before the swap; nothing may assume the output is `dist/`.
 * Telemetry is switched off for the child: the build never reaches the network.
 *
 *   node scripts/build.ts [--outDir <dir>] [other astro build flags]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = process.cwd();
const { outDir, rest } = takeOutDir(process.argv.slice(2));
const final = path.resolve(root, outDir);
const parent = path.dirname(final);
const base = path.basename(final);
// Siblings of dist/, so the final rename stays on one file system.
const next = path.join(parent, `.${base}-next-${process.pid}`);
const old = path.join(parent, `.${base}-old-${process.pid}`);

removeStale();
const astro = path.join(path.dirname(createRequire(path.join(root, 'package.json')).resolve('astro/package.json')), 'bin', 'astro.mjs');
const child = spawn(process.execPath, [astro, 'build', ...rest, '--outDir', next], {
  stdio: 'inherit',
  env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));

child.on('close', (code, signal) => {
  if (code !== 0 || !isNonEmptyDir(next)) {
    fs.rmSync(next, { recursive: true, force: true });
    const why = signal ? `was stopped by ${signal}` : code !== 0 ? `failed (exit code ${code})` : 'wrote no output';
    console.error(`\n[tally] The build ${why}; ${rel(final)}/ was left as it was (the last good build).`);
    process.exit(code || 1);
  }
  swapIn();
  console.log(`[tally] The new build is in ${rel(final)}/.`);
});

/** Moves the old output aside, the new one into place, then removes the old; undoes the first step if the second fails. */
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
  fs.rmSync(old, { recursive: true, force: true });
}

/** Removes folders left by a build that was killed outright (its process is gone). */
function removeStale(): void {
  if (!fs.existsSync(parent)) return;
  const pattern = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(?:next|old)-(\\d+)$`);
  for (const name of fs.readdirSync(parent)) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (pid && !isAlive(pid)) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
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
