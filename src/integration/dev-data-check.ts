import path from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import { tallyErrorText } from '../core/build-error.ts';
import { TallyError } from '../core/errors.ts';
import { dataDir } from '../core/paths.ts';
import { checkDataFiles } from '../data/check-data-files.ts';

/**
 * `astro dev`: checks every data file when the server starts and again after each edit under
 * data/, as a warning: the editor sees the error with its place and the server keeps serving.
 */
export function warnOnBadData(watcher: { on(event: 'all', listener: (event: string, file: string) => void): unknown }, logger: AstroIntegrationLogger): void {
  const check = (): void => {
    try {
      checkDataFiles();
    } catch (e) {
      logger.warn(e instanceof TallyError ? tallyErrorText(e) : String(e));
    }
  };
  check();
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, file) => {
    const r = path.relative(dataDir(), file);
    if (r === '' || r.startsWith('..') || path.isAbsolute(r)) return;
    // A save that writes a temp file and renames it is checked once, as it ends.
    clearTimeout(timer);
    timer = setTimeout(check, 50);
  });
}
