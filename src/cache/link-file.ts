import fsSync, { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Hard links from a cache into the build output: a link at `to`, replacing a file there; its
 * folder made only when the link finds none (most files share their folders, so making it first
 * would cost a call each); a copy where no link can be made (another file system, a file system
 * without links, a file at its link limit). One policy for the chart files (linked by the thread
 * pool, many at once) and the renditions' cached outputs (linked in this thread, a few syscalls
 * each, where a promise per file cost more than the link itself).
 */
export function linkFileSync(from: string, to: string): void {
  for (let tries = 3; ; tries--) {
    try {
      return fsSync.linkSync(from, to);
    } catch (e) {
      const next = afterFailedLink(e, from, tries);
      if (next === 'copy') return fsSync.copyFileSync(from, to, fsConstants.COPYFILE_FICLONE);
      if (next === 'mkdir') fsSync.mkdirSync(path.dirname(to), { recursive: true });
      else fsSync.rmSync(to, { force: true });
    }
  }
}

/** linkFileSync, through the thread pool. */
export async function linkFile(from: string, to: string): Promise<void> {
  for (let tries = 3; ; tries--) {
    try {
      return await fs.link(from, to);
    } catch (e) {
      const next = afterFailedLink(e, from, tries);
      if (next === 'copy') return fs.copyFile(from, to, fsConstants.COPYFILE_FICLONE);
      if (next === 'mkdir') await fs.mkdir(path.dirname(to), { recursive: true });
      else await fs.rm(to, { force: true });
    }
  }
}

/** What to do after a link failed with this error: make its folder, remove the file in its way, or copy; anything else is thrown. */
function afterFailedLink(e: unknown, from: string, tries: number): 'mkdir' | 'replace' | 'copy' {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' && tries > 1 && fsSync.existsSync(from)) return 'mkdir';
  if (code === 'EEXIST' && tries > 1) return 'replace';
  if (code === 'EXDEV' || code === 'EPERM' || code === 'ENOTSUP' || code === 'EMLINK') return 'copy';
  throw e;
}
