import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Astro empties the output folder when its build starts, deleting file by file while nothing else
 * runs, before it copies back the pages its incremental build keeps. A Tally site's output holds
 * every chart's files (600 MB at 200 issues), and deleting them took 4.5 s. Instead, when the
 * build starts, the folder's entries are moved (renamed) into a sibling folder, which is deleted
 * in the background while the build bundles and renders; Astro then finds the folder empty. The
 * sibling is named as scripts/build.ts names its old output (`.<dir>-old-<pid>`), so a folder
 * left by a build that was killed is removed by the next build, of either kind.
 *
 * Only the output is touched, as Astro's own emptying would: `npm run build` builds into a new
 * folder, so the last good site in dist/ is never moved. Returns when the deletion is done.
 */
export function clearOutputAside(outDir: string, root: string): Promise<void> {
  const stale = staleAsides(outDir);
  const aside = path.join(path.dirname(outDir), `.${path.basename(outDir)}-old-${process.pid}`);
  // The output must be a folder of its own: never the project, nor a folder holding it.
  const holdsRoot = !path.relative(outDir, root).startsWith('..');
  if (!holdsRoot && isDir(outDir)) {
    const entries = fs.readdirSync(outDir).filter((name) => name !== '.git');
    if (entries.length) {
      fs.mkdirSync(aside, { recursive: true });
      try {
        for (const name of entries) fs.renameSync(path.join(outDir, name), path.join(aside, name));
      } catch {
        // Whatever was not moved, Astro deletes as it always has.
      }
      stale.push(aside);
    }
  }
  return removeAtLowPriority(stale);
}

const CHILD = fileURLToPath(new URL('./remove-folders-child.ts', import.meta.url));

/**
 * Deletes the folders in a child process at the lowest priority: the build waits for it only at
 * its very end, and meanwhile the kernel's work of unlinking every file (a 500-issue site's
 * output holds about 8,000) takes what CPU the build leaves, not a share of Vite's bundle. A
 * folder that cannot be deleted now costs disk space only: it is stale for the next build.
 */
function removeAtLowPriority(dirs: readonly string[]): Promise<void> {
  if (!dirs.length) return Promise.resolve();
  return new Promise((resolve) => {
    const child = startRemoval(dirs, false);
    child.on('close', () => resolve());
    child.on('error', () => resolve());
  });
}

/**
 * Deletes the folders in a child process at the lowest priority that outlives this one:
 * `npm run build` hands it the last output once the new one is in place, and returns without
 * waiting for the kernel to unlink its files (a 500-issue site's, about 9,000, took 0.25 s).
 * A folder the child could not delete is stale for the next build, which removes it.
 */
export function removeInBackground(dirs: readonly string[]): void {
  if (!dirs.length) return;
  const child = startRemoval(dirs, true);
  child.on('error', () => undefined);
  child.unref();
}

function startRemoval(dirs: readonly string[], detached: boolean): ChildProcess {
  const child = spawn(process.execPath, [CHILD, ...dirs], { stdio: 'ignore', detached });
  try {
    if (child.pid !== undefined) os.setPriority(child.pid, os.constants.priority.PRIORITY_LOW);
  } catch {
    // Deleted at the build's own priority.
  }
  return child;
}

/** Folders moved aside by builds whose process is gone. */
function staleAsides(outDir: string): string[] {
  const parent = path.dirname(outDir);
  const pattern = new RegExp(`^\\.${path.basename(outDir).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-old-(\\d+)$`);
  if (!isDir(parent)) return [];
  return fs
    .readdirSync(parent)
    .filter((name) => {
      const pid = Number(pattern.exec(name)?.[1]);
      return pid > 0 && pid !== process.pid && !isAlive(pid);
    })
    .map((name) => path.join(parent, name));
}

/** Whether a process of that id runs (one of another user's counts: it cannot be signalled, but it is there). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isDir(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
