import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_FOLDER } from '../../src/cache/stores.ts';
import { fileDigest, SMALL_FILE } from '../../src/data/file-digest.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const sha = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

describe("a file's digest", () => {
  let dir: string;
  let root: string | undefined;
  beforeAll(() => {
    dir = tempDir('tally-file-digest-');
    // fileDigest keeps the digests of large files in the project's cache: here, the temp folder's.
    root = process.env.TALLY_ROOT;
    process.env.TALLY_ROOT = dir;
  });
  afterAll(() => {
    if (root === undefined) delete process.env.TALLY_ROOT;
    else process.env.TALLY_ROOT = root;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const put = (name: string, data: string | Buffer): string => {
    fs.writeFileSync(path.join(dir, name), data);
    return path.join(dir, name);
  };
  const kept = (): string[] => {
    const store = path.join(dir, CACHE_FOLDER, 'file-digests');
    return fs.existsSync(store) ? fs.readdirSync(store, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.entry')) : [];
  };

  it('is the sha256 of the bytes; only a file above the small size is kept on disk', () => {
    const small = Buffer.alloc(SMALL_FILE, 7);
    const large = Buffer.alloc(SMALL_FILE + 1, 'x');
    const cases: [string, string | Buffer][] = [['empty.txt', ''], ['index.mdx', '---\ntitle: A\n---\n<Chart spec="a.vl.json" />\n'], ['at-limit.bin', small], ['large.csv', large]];
    for (const [name, bytes] of cases) expect(fileDigest(put(name, bytes)), name).toBe(sha(bytes));
    expect(kept()).toHaveLength(1);
    const entry = fs.readFileSync(path.join(dir, CACHE_FOLDER, 'file-digests', kept()[0]!), 'utf8');
    expect(entry).toContain(sha(large));
  });

  // A rewrite gets a new change time, but two writes within one tick of the kernel's clock can
  // share it: these rewrites change the size too, so the new stamp does not depend on timing.
  it('is read again when the file changes, whatever its size', () => {
    const file = put('changes.csv', 'a,b\r\n1,2\r\n');
    expect(fileDigest(file)).toBe(sha('a,b\r\n1,2\r\n'));
    fs.writeFileSync(file, 'a,b\r\n1,2\r\n3,4\r\n');
    expect(fileDigest(file)).toBe(sha('a,b\r\n1,2\r\n3,4\r\n'));
    const big = Buffer.alloc(SMALL_FILE * 2, 'y');
    const bigFile = put('grows.csv', big);
    expect(fileDigest(bigFile)).toBe(sha(big));
    const grown = Buffer.concat([big, Buffer.from('z')]);
    fs.writeFileSync(bigFile, grown);
    expect(fileDigest(bigFile)).toBe(sha(grown));
  });

  it('is undefined for anything but a readable file: links, folders and missing paths', () => {
    const target = put('target.mdx', 'x');
    fs.symlinkSync(target, path.join(dir, 'link.mdx'));
    fs.mkdirSync(path.join(dir, 'folder'));
    for (const name of ['link.mdx', 'folder', 'missing.json']) expect(fileDigest(path.join(dir, name)), name).toBeUndefined();
  });
});
