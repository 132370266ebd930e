import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256OfFile } from '../../src/data/file-digest.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('a file digested in chunks', () => {
  it('is the sha256 of its bytes, whatever size was read before it', () => {
    const dir = tempDir('tally-digest-');
    const sizes = [8 * 1024 * 1024 + 5, 3, 0, 8 * 1024 * 1024, 17, 2 * 8 * 1024 * 1024 + 1, 1];
    for (const [i, size] of sizes.entries()) {
      const bytes = Buffer.alloc(size, i + 1);
      if (size) bytes[size - 1] = 200 + i;
      const file = path.join(dir, `f${i}`);
      fs.writeFileSync(file, bytes);
      expect(sha256OfFile(file)).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    expect(sha256OfFile(path.join(dir, 'missing'))).toBeUndefined();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
