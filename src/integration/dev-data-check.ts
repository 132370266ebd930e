import path from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import { tallyErrorText } from '../core/build-error.ts';
import { TallyError } from '../core/errors.ts';
import { dataDir, issuesDir } from '../core/paths.ts';
import { checkDataFiles } from '../data/check-data-files.ts';

/**
 * `astro dev`: checks every data file when the server starts and again after each edit under
 * data/ or an issue's own data/, as a warning: the editor sees the error with its place and the server keeps serving.
 */
export function warnOnBadData(watcher: { on(event: 'all', listener: (event: string, file: string) => void): unknown }, logger: AstroIntegrationLogger): void {
  const check = (): void => {
    checkDataFiles().catch((e: unknown) => logger.warn(e instanceof TallyError ? tallyErrorText(e) : String(e)));
  };
  check();
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, file) => {
    if (!isDataPath(file)) return;
    // A save that writes a temp file and renames it is checked once, as it ends.
    clearTimeout(timer);
    timer = setTimeout(check, 50);
  });
}

/** A path in data/, or in an issue's own content/issues/<slug>/data/. */
function isDataPath(file: string): boolean {
  const inData = path.relative(dataDir(), file);
  if (inData !== '' && !inData.startsWith('..') && !path.isAbsolute(inData)) return true;
  const parts = path.relative(issuesDir(), file).split(path.sep);
  return parts[0] !== '..' && !path.isAbsolute(parts.join(path.sep)) && parts.length > 2 && parts[1] === 'data';
}
