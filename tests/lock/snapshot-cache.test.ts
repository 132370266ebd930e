import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Snapshot } from '../../src/lock/lock-types.ts';
import { readCachedSnapshot, snapshotInputsDigest, writeCachedSnapshot } from '../../src/lock/snapshot-cache.ts';
import { tempDir } from '../helpers/temp-dir.ts';

function project(): string {
  const root = tempDir('tally-snap-');
  for (const [f, t] of Object.entries({ 'data/a.csv': 'v\n1\n', 'content/issues/x/index.mdx': '---\n---\n', 'src/api.ts': 'export {};\n' })) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), t);
  }
  return root;
}

describe('the lock check reuses its last snapshot only for identical inputs', () => {
  it('changes the digest when data, content or code change, by content not by time', () => {
    const root = project();
    const first = snapshotInputsDigest(root);
    fs.utimesSync(path.join(root, 'data/a.csv'), new Date(0), new Date(0));
    expect(snapshotInputsDigest(root)).toBe(first);
    for (const [file, text] of [['data/a.csv', 'v\n2\n'], ['content/issues/x/index.mdx', '---\n---\nHi\n'], ['src/api.ts', 'export const x = 1;\n'], ['data/b.csv', 'v\n']] as const) {
      const before = snapshotInputsDigest(root);
      fs.writeFileSync(path.join(root, file), text);
      expect(snapshotInputsDigest(root), file).not.toBe(before);
    }
  });

  it('keeps each small file\'s digest by its stamp, and sees any write: same size and times set back, a new file, a file gone, a damaged record', () => {
    const root = project();
    fs.writeFileSync(path.join(root, 'package-lock.json'), '{"lockfileVersion":3}\n');
    const first = snapshotInputsDigest(root);
    // Unchanged inputs are not read again.
    const reads = vi.spyOn(fs, 'readFileSync');
    try {
      expect(snapshotInputsDigest(root)).toBe(first);
      expect(reads.mock.calls.filter(([f]) => typeof f === 'string' && !f.includes('.tally-cache'))).toEqual([]);
    } finally {
      reads.mockRestore();
    }
    const sameSizeAndTimes = (file: string, text: string) => {
      const abs = path.join(root, file);
      const { atime, mtime, size } = fs.statSync(abs);
      expect(Buffer.byteLength(text)).toBe(size);
      fs.writeFileSync(abs, text);
      fs.utimesSync(abs, atime, mtime);
    };
    for (const [file, text] of [['data/a.csv', 'v\n3\n'], ['content/issues/x/index.mdx', '--- \n--\n'], ['src/api.ts', 'export {}\n\n'], ['package-lock.json', '{"lockfileVersion":4}\n']] as const) {
      const before = snapshotInputsDigest(root);
      sameSizeAndTimes(file, text);
      expect(snapshotInputsDigest(root), file).not.toBe(before);
    }
    let before = snapshotInputsDigest(root);
    fs.writeFileSync(path.join(root, 'content/issues/x/chart.vl.json'), '{}');
    expect(snapshotInputsDigest(root)).not.toBe(before);
    before = snapshotInputsDigest(root);
    fs.rmSync(path.join(root, 'content/issues/x/chart.vl.json'));
    expect(snapshotInputsDigest(root)).not.toBe(before);
    // The record of digests damaged or deleted: every file is read again, to the same digest.
    before = snapshotInputsDigest(root);
    const record = path.join(root, '.tally-cache', 'lock-snapshot');
    for (const f of fs.readdirSync(record, { recursive: true }) as string[]) if (f.endsWith('.entry')) fs.writeFileSync(path.join(record, f), 'x');
    expect(snapshotInputsDigest(root)).toBe(before);
    fs.rmSync(record, { recursive: true });
    expect(snapshotInputsDigest(root)).toBe(before);
  });

  it('sees a changed cell of a large data file that kept its size and modification time', () => {
    const root = project();
    process.env.TALLY_ROOT = root;
    try {
      const big = path.join(root, 'data/big.csv');
      const body = 'v\n' + '1\n'.repeat(700_000);
      fs.writeFileSync(big, body);
      const stamp = new Date('2026-01-10T00:00:00Z');
      fs.utimesSync(big, stamp, stamp);
      const before = snapshotInputsDigest(root);
      expect(snapshotInputsDigest(root)).toBe(before);
      fs.writeFileSync(big, body.replace(/1\n$/, '2\n'));
      fs.utimesSync(big, stamp, stamp);
      expect(snapshotInputsDigest(root)).not.toBe(before);
    } finally {
      delete process.env.TALLY_ROOT;
    }
  });

  it('returns the stored snapshot for its digest and nothing for another', () => {
    const root = project();
    const snapshot: Snapshot = { issues: {}, drafts: ['x'], broken: {} };
    writeCachedSnapshot('abc', snapshot, root);
    expect(readCachedSnapshot('abc', root)).toEqual(snapshot);
    expect(readCachedSnapshot('abd', root)).toBeUndefined();
    expect(fs.readdirSync(path.join(root, '.tally-cache')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
