import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { hasEntry, readEntry, readEntryJson, writeEntry } from '../../src/cache/verified-entry.ts';
import { tempDir } from '../helpers/temp-dir.ts';

let dir: string;
beforeEach(() => {
  dir = tempDir('tally-entry-');
});

describe('a verified cache entry', () => {
  it('gives back exactly what was written, text or bytes', () => {
    writeEntry(path.join(dir, 'a'), '{"x":1}');
    expect(readEntryJson(path.join(dir, 'a'))).toEqual({ x: 1 });
    const bytes = Buffer.from([0, 10, 255, 10, 1]);
    writeEntry(path.join(dir, 'b.png'), bytes);
    expect(readEntry(path.join(dir, 'b.png'))!.equals(bytes)).toBe(true);
  });

  it.each([
    ['truncated', (b: Buffer) => b.subarray(0, b.length - 3)],
    ['emptied', () => Buffer.alloc(0)],
    ['one byte flipped', (b: Buffer) => Buffer.from(b.map((x, i) => (i === b.length - 2 ? x ^ 1 : x)))],
    ['grown', (b: Buffer) => Buffer.concat([b, Buffer.from('x')])],
  ])('is a miss when %s, and is removed', (_kind, damage) => {
    const file = path.join(dir, 'entry');
    writeEntry(file, 'the payload of an entry');
    fs.writeFileSync(file, damage(fs.readFileSync(file)));
    expect(readEntry(file)).toBeUndefined();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('is a miss under another entry\'s name (two entries swapped)', () => {
    writeEntry(path.join(dir, 'one'), 'first');
    writeEntry(path.join(dir, 'two'), 'second');
    fs.renameSync(path.join(dir, 'one'), path.join(dir, 'tmp'));
    fs.renameSync(path.join(dir, 'two'), path.join(dir, 'one'));
    fs.renameSync(path.join(dir, 'tmp'), path.join(dir, 'two'));
    expect(readEntry(path.join(dir, 'one'))).toBeUndefined();
    expect(hasEntry(path.join(dir, 'two'))).toBe(false);
  });

  it('reports an unwritable folder as not stored, leaving no temp file', () => {
    fs.writeFileSync(path.join(dir, 'file'), '');
    expect(writeEntry(path.join(dir, 'file', 'under-a-file'), 'x')).toBe(false);
    expect(fs.readdirSync(dir)).toEqual(['file']);
  });
});
