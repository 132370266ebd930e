import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readEntry, readEntryText, writeAtomic, writeAtomicAsync, writeEntry, writeEntryAsync } from '../../src/cache/verified-entry.ts';
import { tempDir } from '../helpers/temp-dir.ts';

let dir: string;
beforeEach(() => {
  dir = tempDir('tally-atomic-');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const leftovers = (d: string): string[] => (fs.existsSync(d) ? fs.readdirSync(d, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp')) : []);

describe('a file written atomically', () => {
  it('makes the folders it goes into, and makes them again when they were removed since', () => {
    const file = path.join(dir, 'a', 'b', 'entry');
    expect(writeEntry(file, 'one')).toBe(true);
    expect(readEntryText(file)).toBe('one');
    fs.rmSync(path.join(dir, 'a'), { recursive: true });
    expect(writeEntry(file, 'two')).toBe(true);
    expect(readEntryText(file)).toBe('two');
    expect(writeAtomic(path.join(dir, 'c', 'parts'), [Buffer.from('x'), Buffer.from('y')])).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'c', 'parts'), 'utf8')).toBe('xy');
    expect(leftovers(dir)).toEqual([]);
  });

  it('makes a folder only when the temp file finds none', () => {
    const mkdir = vi.spyOn(fs, 'mkdirSync');
    try {
      for (let i = 0; i < 5; i++) expect(writeEntry(path.join(dir, 'x', `e${i}`), String(i))).toBe(true);
      expect(mkdir).toHaveBeenCalledTimes(1);
    } finally {
      mkdir.mockRestore();
    }
    expect(readEntryText(path.join(dir, 'x', 'e4'))).toBe('4');
  });

  it('reports a folder that cannot be made as not written, leaving no temp file', () => {
    fs.writeFileSync(path.join(dir, 'plain'), 'a file, not a folder');
    expect(writeAtomic(path.join(dir, 'plain', 'sub', 'entry'), 'x')).toBe(false);
    expect(writeAtomic(path.join(dir, 'plain', 'entry'), [Buffer.from('x')])).toBe(false);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe('a file written atomically on the thread pool', () => {
  it('is the entry writeEntry would write, folders made as needed, and leaves no temp file', async () => {
    const file = path.join(dir, 'a', 'b', 'entry');
    expect(await writeEntryAsync(file, 'one')).toBe(true);
    expect(readEntryText(file)).toBe('one');
    // The same bytes as writeEntry's, for an entry of the same name.
    writeEntry(path.join(dir, 'sync', 'entry'), 'one');
    expect(fs.readFileSync(file).equals(fs.readFileSync(path.join(dir, 'sync', 'entry')))).toBe(true);
    fs.rmSync(path.join(dir, 'a'), { recursive: true });
    expect(await writeEntryAsync(file, Buffer.from([0, 10, 255]))).toBe(true);
    expect(readEntry(file)!.equals(Buffer.from([0, 10, 255]))).toBe(true);
    expect(await writeAtomicAsync(path.join(dir, 'c', 'parts'), [Buffer.from('x'), Buffer.from('y')])).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'c', 'parts'), 'utf8')).toBe('xy');
    expect(leftovers(dir)).toEqual([]);
  });

  it('leaves one whole entry when many write it at once', async () => {
    const file = path.join(dir, 'shared', 'entry');
    const payloads = Array.from({ length: 20 }, (_, i) => `payload ${i} `.repeat(1000 * (i + 1)));
    expect(await Promise.all(payloads.map((p) => writeEntryAsync(file, p)))).toEqual(payloads.map(() => true));
    expect(payloads).toContain(readEntryText(file));
    expect(leftovers(dir)).toEqual([]);
  });

  it('reports a folder that cannot be made as not written, leaving no temp file', async () => {
    fs.writeFileSync(path.join(dir, 'plain'), 'a file, not a folder');
    expect(await writeEntryAsync(path.join(dir, 'plain', 'sub', 'entry'), 'x')).toBe(false);
    expect(await writeAtomicAsync(path.join(dir, 'plain', 'entry'), [Buffer.from('x')])).toBe(false);
    expect(leftovers(dir)).toEqual([]);
  });
});
