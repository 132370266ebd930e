import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.ts';

type StoresCode = typeof import('../../src/cache/stores.ts');

/** A copy of stores.ts as a second module instance, as Vite's bundle holds one beside the integration's. */
const instance = (n: number) => import(/* @vite-ignore */ `../../src/cache/stores.ts?instance=${n}`) as Promise<StoresCode>;

function project(): { root: string; edit: (text: string) => void } {
  const root = tempDir('tally-versions-');
  fs.mkdirSync(path.join(root, 'src'));
  fs.writeFileSync(path.join(root, 'src/entry.ts'), "export { b } from './b.ts';\n");
  const edit = (text: string) => {
    fs.writeFileSync(path.join(root, 'src/b.ts'), text);
    fs.utimesSync(path.join(root, 'src/b.ts'), new Date(), new Date(Date.now() + Math.random() * 1e6));
  };
  edit('export const b = 1;\n');
  return { root, edit };
}

describe('code versions shared by the copies of the stores module in one build', () => {
  afterEach(async () => (await instance(0)).freezeCodeVersions(false));

  it('a version worked out by one copy during a build is the answer of another', async () => {
    const [a, b] = [await instance(1), await instance(2)];
    expect(a).not.toBe(b);
    const { root, edit } = project();
    a.freezeCodeVersions();
    b.freezeCodeVersions();
    const first = a.codeVersion(root, ['src/entry.ts']);
    edit('export const b = 2;\n');
    // b never worked it out itself: worked out now, it would follow the edit.
    expect(b.codeVersion(root, ['src/entry.ts'])).toBe(first);
  });

  it('each build starts afresh, and outside a build (astro dev) nothing is shared', async () => {
    const [a, b, c] = [await instance(3), await instance(4), await instance(5)];
    const { root, edit } = project();
    a.freezeCodeVersions();
    const first = a.codeVersion(root, ['src/entry.ts']);
    a.freezeCodeVersions(false);
    edit('export const b = 2;\n');
    b.freezeCodeVersions();
    const second = b.codeVersion(root, ['src/entry.ts']);
    expect(second).not.toBe(first);
    b.freezeCodeVersions(false);
    edit('export const b = 3;\n');
    // Not frozen (as under astro dev): the copy works it out from the files as they are.
    expect(c.codeVersion(root, ['src/entry.ts'])).not.toBe(second);
    expect(c.inBuild()).toBe(false);
  });
});

describe('a build memo', () => {
  afterEach(async () => (await instance(0)).freezeCodeVersions(false));

  it('is one map for every copy during a build, none outside one, and a new one for the next build', async () => {
    const [a, b] = [await instance(6), await instance(7)];
    expect(a.buildMemo('test')).toBeUndefined();
    a.freezeCodeVersions();
    b.freezeCodeVersions();
    a.buildMemo<number>('test')!.set('x', 1);
    expect(b.buildMemo<number>('test')!.get('x')).toBe(1);
    a.freezeCodeVersions(false);
    b.freezeCodeVersions(false);
    expect(b.buildMemo('test')).toBeUndefined();
    b.freezeCodeVersions();
    expect(b.buildMemo<number>('test')!.get('x')).toBeUndefined();
  });
});
