/**
 * `npm run check`: every data file declared in data/manifest.yaml checked as the build checks
 * it (provenance, column types, dates), then the type-check (TypeScript strict). Exits 1 on the
 * first failure, printing a bad data file's place (file:line:column) and its fix.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { TallyError } from '../src/core/errors.ts';
import { checkDataFiles } from '../src/data/check-data-files.ts';
import { tallyErrorText } from '../src/core/build-error.ts';

process.env.TZ = 'UTC';
try {
  await checkDataFiles();
} catch (e) {
  if (!(e instanceof TallyError)) throw e;
  process.stderr.write(`${tallyErrorText(e)}\n`);
  process.exit(1);
}
const tsc = path.resolve(import.meta.dirname, '..', 'node_modules', 'typescript', 'bin', 'tsc');
const typeCheck = spawnSync(process.execPath, [tsc, '--noEmit', '-p', '.'], { stdio: 'inherit' });
process.exitCode = typeCheck.status ?? 1;
