import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clearOutputAside, removeInBackground } from '../../src/build/clear-output.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const tmp = tempDir('tally-clear-output-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function project(name: string): { root: string; dist: string } {
  const root = path.join(tmp, name);
  const dist = path.join(root, 'dist');
  fs.mkdirSync(path.join(dist, 'charts', 'a'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'index.html'), 'page');
  fs.writeFileSync(path.join(dist, 'charts', 'a', 'x.json'), '{}');
  fs.mkdirSync(path.join(dist, '.git'));
  fs.writeFileSync(path.join(dist, '.git', 'HEAD'), 'ref');
  return { root, dist };
}

/** A pid no process has: above Linux's pid_max. */
const GONE = 2 ** 22 + 17;

describe('the last output, moved aside when the build starts and deleted while it runs', () => {
  it('leaves the output folder empty at once (but .git), then deletes what it moved and folders left by killed builds', async () => {
    const { root, dist } = project('a');
    const killed = path.join(root, `.dist-old-${GONE}`);
    fs.mkdirSync(path.join(killed, 'charts'), { recursive: true });
    const running = path.join(root, `.dist-old-${process.ppid}`);
    fs.mkdirSync(running);
    const done = clearOutputAside(dist, root);
    expect(fs.readdirSync(dist)).toEqual(['.git']);
    await done;
    expect(fs.readFileSync(path.join(dist, '.git', 'HEAD'), 'utf8')).toBe('ref');
    expect(fs.readdirSync(root).sort()).toEqual([`.dist-old-${process.ppid}`, 'dist']);
  });

  it('does nothing to a folder that does not exist yet, or that holds the project', async () => {
    const { root, dist } = project('b');
    await clearOutputAside(path.join(root, 'new-out'), root);
    expect(fs.existsSync(path.join(root, 'new-out'))).toBe(false);
    await clearOutputAside(root, dist);
    await clearOutputAside(root, root);
    expect(fs.readdirSync(dist).sort()).toEqual(['.git', 'charts', 'index.html']);
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });
});

describe('the last output of `npm run build`, removed in the background', () => {
  it('returns at once, and a child process that does not hold this one deletes the folder', async () => {
    const { root, dist } = project('c');
    const old = path.join(root, '.dist-old-1');
    fs.renameSync(dist, old);
    removeInBackground([old]);
    removeInBackground([]);
    await expect.poll(() => fs.existsSync(old), { timeout: 10_000, interval: 50 }).toBe(false);
    expect(fs.readdirSync(root)).toEqual([]);
  });
});
