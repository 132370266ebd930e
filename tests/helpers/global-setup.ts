import fs from 'node:fs';
import path from 'node:path';

/** Each run starts with an empty tests/.tmp: the sites of the last run stay for a look until then. */
export default function setup(): void {
  fs.rmSync(path.join(import.meta.dirname, '..', '.tmp'), { recursive: true, force: true });
}
