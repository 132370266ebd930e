import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPreviewInput } from '../../src/integration/dev-preview.ts';
import { lockStatus, readLockView } from '../../src/integration/lock-status.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('which saved files reload the preview', () => {
  const root = path.join(os.tmpdir(), 'site');
  const data = path.join(root, 'data');
  const issues = path.join(root, 'content', 'issues');
  const reloads = (f: string) => isPreviewInput(path.join(root, f), data, issues);

  it('reloads for data files, the manifests (shared and an issue\'s own) and specs beside an issue', () => {
    for (const f of ['data/prices.csv', 'data/sub/x.json', 'data/policy.yaml', 'data/a.yml', 'data/manifest.yaml', 'content/issues/alpha/price.vl.json', 'content/issues/alpha/data/prices.csv', 'content/issues/alpha/data/manifest.yaml', 'content/issues/alpha/data/sub/x.json']) expect(reloads(f), f).toBe(true);
  });

  it('leaves alone what Vite or Astro already handle, and files outside both folders', () => {
    for (const f of ['content/issues/alpha/figures.ts', 'content/issues/alpha/index.mdx', 'data/notes.txt', 'src/price.vl.json', 'dataset.csv', 'data', 'content/issues/alpha/data/notes.txt', 'content/issues/alpha/prices.csv']) expect(reloads(f), f).toBe(false);
  });
});

describe('the lock status on the editor page', () => {
  const dir = tempDir('tally-lock-');
  const write = (text: string) => fs.writeFileSync(path.join(dir, 'tally.lock.json'), text);

  it('shows nothing when there is no lock file', () => {
    const view = readLockView(path.join(dir, 'none'));
    expect(view).toEqual({ kind: 'absent' });
    expect(lockStatus(view, 'alpha', 'x', '1')).toBeUndefined();
  });

  it('compares the rendered value with the locked one', () => {
    write(JSON.stringify({ version: 1, issues: { alpha: { figures: { a: { rendered: '12%' }, b: { rendered: '3' } } } } }));
    const view = readLockView(dir);
    expect(lockStatus(view, 'alpha', 'a', '12%')).toEqual({ status: 'locked', locked: '12%' });
    expect(lockStatus(view, 'alpha', 'b', '4')).toEqual({ status: 'changed', locked: '3' });
    expect(lockStatus(view, 'alpha', 'c', '1')).toEqual({ status: 'not locked' });
    expect(lockStatus(view, 'beta', 'a', '12%')).toEqual({ status: 'not locked' });
  });

  it('reads a half-written or foreign lock as unreadable instead of failing', () => {
    write('{"version": 1, "issues": {');
    expect(readLockView(dir)).toMatchObject({ kind: 'unreadable', reason: expect.stringContaining('not valid JSON') });
    write('[]');
    expect(readLockView(dir)).toMatchObject({ kind: 'unreadable', reason: expect.stringContaining('no "issues" object') });
    write(JSON.stringify({ issues: { alpha: { figures: { a: { rendered: 5 } } }, beta: 'x' } }));
    expect(lockStatus(readLockView(dir), 'alpha', 'a', '5')).toEqual({ status: 'not locked' });
  });
});
