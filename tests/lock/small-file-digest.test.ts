import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileDigest } from '../../src/data/file-digest.ts';
import { smallFileDigest } from '../../src/lock/small-file-digest.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe("an issue file's digest for the lock key", () => {
  let dir: string;
  let root: string | undefined;
  beforeAll(() => {
    dir = tempDir('tally-small-digest-');
    // fileDigest keeps its digests in the project's cache: here, the temp folder's.
    root = process.env.TALLY_ROOT;
    process.env.TALLY_ROOT = dir;
  });
  afterAll(() => {
    if (root === undefined) delete process.env.TALLY_ROOT;
    else process.env.TALLY_ROOT = root;
  });

  it('is the digest fileDigest gives, for small and large files, links, folders and missing paths', () => {
    const put = (name: string, data: string | Buffer): string => {
      fs.writeFileSync(path.join(dir, name), data);
      return path.join(dir, name);
    };
    const cases = [
      put('empty.txt', ''),
      put('index.mdx', '---\ntitle: A\n---\n<Chart spec="a.vl.json" />\n'),
      put('at-limit.bin', Buffer.alloc(256 * 1024, 7)),
      put('large.csv', Buffer.alloc(256 * 1024 + 1, 'x')),
      put('huge.csv', Buffer.alloc(9 * 1024 * 1024, 'y')),
      path.join(dir, 'missing.json'),
    ];
    fs.symlinkSync(path.join(dir, 'index.mdx'), path.join(dir, 'link.mdx'));
    fs.mkdirSync(path.join(dir, 'data'));
    cases.push(path.join(dir, 'link.mdx'), path.join(dir, 'data'));
    for (const abs of cases) expect(smallFileDigest(abs), abs).toBe(fileDigest(abs));
    expect(smallFileDigest(path.join(dir, 'empty.txt'))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(cases.map((abs) => smallFileDigest(abs) === undefined)).toEqual([false, false, false, false, false, true, true, true]);
  });
});
