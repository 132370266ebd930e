import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDigest, keepDataCopies, lockedBytes } from '../../src/lock/data-copies.ts';
import type { LockFile } from '../../src/lock/lock-types.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const V1 = 'date,v\r\n2026-01-02,1\r\n';
const V2 = 'date,v\r\n2026-01-02,2\r\n';

function project(files: Record<string, string>): string {
  const root = tempDir('tally-copies-');
  for (const [f, t] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), t);
  }
  return root;
}

const lockOf = (files: Record<string, string>): LockFile => ({ version: 1, issues: { a: { asOf: '2026-01-08', figures: {}, charts: {}, files } } });
const copies = (root: string) => fs.readdirSync(path.join(root, '.tally-cache', 'lock-data')).sort();

describe('copies of the data as locked, for the rows of a later diff', () => {
  it('keeps a copy of each file whose bytes the lock records, by digest, and drops copies the lock no longer names', () => {
    const root = project({ 'data/a.csv': V1 });
    keepDataCopies(lockOf({ 'a.csv': dataDigest(Buffer.from(V1)) }), root);
    expect(copies(root)).toEqual([dataDigest(Buffer.from(V1))]);
    fs.writeFileSync(path.join(root, 'data/a.csv'), V2);
    keepDataCopies(lockOf({ 'a.csv': dataDigest(Buffer.from(V2)) }), root);
    expect(copies(root)).toEqual([dataDigest(Buffer.from(V2))]);
    expect(lockedBytes('a.csv', dataDigest(Buffer.from(V2)), root)).toMatchObject({ from: 'copy' });
  });

  it('keeps no copy of a file that has moved on since it was locked', () => {
    const root = project({ 'data/a.csv': V2 });
    keepDataCopies(lockOf({ 'a.csv': dataDigest(Buffer.from(V1)) }), root);
    expect(copies(root)).toEqual([]);
  });

  it("falls back to git's HEAD when its digest matches, and says why when neither has the locked bytes", () => {
    const root = project({ 'data/a.csv': V1 });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], { cwd: root, stdio: 'ignore' });
    git('init', '-q');
    git('add', 'data/a.csv');
    git('commit', '-q', '-m', 'data');
    fs.writeFileSync(path.join(root, 'data/a.csv'), V2);
    const fromGit = lockedBytes('a.csv', dataDigest(Buffer.from(V1)), root);
    expect(fromGit).toMatchObject({ from: 'git' });
    expect(fromGit.bytes?.toString()).toBe(V1);
    const missing = lockedBytes('a.csv', '0123456789abcdef', root);
    expect(missing.bytes).toBeUndefined();
    expect(missing).toMatchObject({ why: "the locked version is not kept in .tally-cache/lock-data/ and git's HEAD holds another one" });
    expect(lockedBytes('a.csv', '0123456789abcdef', project({}))).toMatchObject({ why: "the locked version is not kept in .tally-cache/lock-data/ nor in git's HEAD" });
  });
});
