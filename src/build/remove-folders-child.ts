/**
 * A child process that deletes the folders named in its arguments, started by clear-output.ts at
 * the lowest priority. A folder that cannot be deleted now is stale for the next build.
 */
import fs from 'node:fs';

for (const dir of process.argv.slice(2)) {
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    // Left for the next build (clear-output.ts finds it by its name).
  }
}
