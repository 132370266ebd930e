import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { forgetOutputLinks, restoreCachedOutput, storeCachedOutput, writeOutputFiles, type OutputFile } from '../../src/cache/output-cache.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const isCount = (v: unknown): v is { n: number } => typeof (v as { n?: unknown } | null)?.n === 'number';
const PNG = 'email/charts/chart-1.png';
const png = (...bytes: number[]) => Buffer.from([0x89, 0x50, 0x4e, 0x47, ...bytes]);
const email = (slug: string, chart: Buffer): OutputFile[] => [
  { path: `email/${slug}.html`, bytes: Buffer.from(`<p>${slug}</p>`) },
  { path: PNG, bytes: chart },
];

/** Two emails whose entries both hold email/charts/chart-1.png, as emails that show the same chart do. */
describe('restoring entries that name the same output file', () => {
  let cache: string;
  let out: string;
  const cached = (key: string, file = PNG) => path.join(cache, key, 'files', file);
  const ino = (file: string) => fs.statSync(file).ino;

  beforeEach(async () => {
    forgetOutputLinks();
    const dir = tempDir('tally-output-links-');
    cache = path.join(dir, 'cache');
    out = path.join(dir, 'dist');
    expect(await storeCachedOutput(cache, 'alpha', { files: email('alpha', png(1, 2, 3)), meta: { n: 1 } })).toBe(true);
    expect(await storeCachedOutput(cache, 'beta', { files: email('beta', png(1, 2, 3)), meta: { n: 1 } })).toBe(true);
    expect(await storeCachedOutput(cache, 'gamma', { files: email('gamma', png(7, 8)), meta: { n: 1 } })).toBe(true);
  });

  it('with the same bytes, the second restore leaves the first link as it is', async () => {
    expect(await restoreCachedOutput(cache, 'alpha', out, isCount)).toEqual({ n: 1 });
    expect(await restoreCachedOutput(cache, 'beta', out, isCount)).toEqual({ n: 1 });
    expect(ino(path.join(out, PNG))).toBe(ino(cached('alpha')));
    expect(fs.statSync(cached('beta')).nlink).toBe(1); // never linked
    expect(fs.readFileSync(path.join(out, PNG))).toEqual(png(1, 2, 3));
    expect(ino(path.join(out, 'email', 'beta.html'))).toBe(ino(cached('beta', 'email/beta.html')));
    // Through another spelling of the same folder, too.
    expect(await restoreCachedOutput(cache, 'beta', `${out}/email/..`, isCount)).toEqual({ n: 1 });
    expect(ino(path.join(out, PNG))).toBe(ino(cached('alpha')));
  });

  it('with other bytes, the output holds the second entry’s', async () => {
    expect(await restoreCachedOutput(cache, 'alpha', out, isCount)).toEqual({ n: 1 });
    expect(await restoreCachedOutput(cache, 'gamma', out, isCount)).toEqual({ n: 1 });
    expect(fs.readFileSync(path.join(out, PNG))).toEqual(png(7, 8));
    expect(ino(path.join(out, PNG))).toBe(ino(cached('gamma')));
    // And back: the path remembers the last bytes linked there, not the first.
    expect(await restoreCachedOutput(cache, 'beta', out, isCount)).toEqual({ n: 1 });
    expect(fs.readFileSync(path.join(out, PNG))).toEqual(png(1, 2, 3));
    expect(ino(path.join(out, PNG))).toBe(ino(cached('beta')));
  });

  it('a file written over the link (writeOutputFiles) is linked again by the next entry of those bytes', async () => {
    expect(await restoreCachedOutput(cache, 'alpha', out, isCount)).toEqual({ n: 1 });
    await writeOutputFiles(out, [{ path: PNG, bytes: png(9) }]);
    expect(await restoreCachedOutput(cache, 'beta', out, isCount)).toEqual({ n: 1 });
    expect(fs.readFileSync(path.join(out, PNG))).toEqual(png(1, 2, 3));
    expect(ino(path.join(out, PNG))).toBe(ino(cached('beta')));
  });

  it('a file changed in place through its link is replaced by the next entry of the bytes it had', async () => {
    expect(await restoreCachedOutput(cache, 'alpha', out, isCount)).toEqual({ n: 1 });
    fs.writeFileSync(path.join(out, PNG), png(6, 6, 6));
    expect(await restoreCachedOutput(cache, 'beta', out, isCount)).toEqual({ n: 1 });
    expect(fs.readFileSync(path.join(out, PNG))).toEqual(png(1, 2, 3));
    expect(ino(path.join(out, PNG))).toBe(ino(cached('beta')));
  });

  it('a later build in the same process: an output folder made again is filled again, and forgetOutputLinks forgets the last one', async () => {
    expect(await restoreCachedOutput(cache, 'alpha', out, isCount)).toEqual({ n: 1 });
    fs.rmSync(out, { recursive: true });
    // Not forgotten: the remembered file is gone, so it is linked again.
    expect(await restoreCachedOutput(cache, 'beta', out, isCount)).toEqual({ n: 1 });
    expect(ino(path.join(out, PNG))).toBe(ino(cached('beta')));
    forgetOutputLinks(path.join(out, '..', 'elsewhere'));
    expect(await restoreCachedOutput(cache, 'alpha', out, isCount)).toEqual({ n: 1 });
    expect(ino(path.join(out, PNG))).toBe(ino(cached('beta'))); // still remembered
    forgetOutputLinks(out);
    expect(await restoreCachedOutput(cache, 'alpha', out, isCount)).toEqual({ n: 1 });
    expect(ino(path.join(out, PNG))).toBe(ino(cached('alpha'))); // forgotten: linked again
  });
});

/** A step writes its files into the output, then stores them as an entry (the emails, cards and search do). */
describe('storing the files just written into the output', () => {
  let cache: string;
  let out: string;
  const ino = (file: string) => fs.statSync(file).ino;

  beforeEach(() => {
    forgetOutputLinks();
    const dir = tempDir('tally-output-store-');
    cache = path.join(dir, 'cache');
    out = path.join(dir, 'dist');
  });

  it('links the entry’s files to the output’s, and the entry restores whole into another output', async () => {
    const files = email('alpha', png(1, 2, 3));
    await writeOutputFiles(out, files);
    expect(await storeCachedOutput(cache, 'alpha', { files, meta: { n: 1 } }, out)).toBe(true);
    for (const f of files) expect(ino(path.join(cache, 'alpha', 'files', f.path)), f.path).toBe(ino(path.join(out, f.path)));
    const next = path.join(out, '..', 'next');
    expect(await restoreCachedOutput(cache, 'alpha', next, isCount)).toEqual({ n: 1 });
    expect(fs.readFileSync(path.join(next, PNG))).toEqual(png(1, 2, 3));
    expect(ino(path.join(next, PNG))).toBe(ino(path.join(out, PNG)));
  });

  it('writes its own copy of a file replaced or changed in the output since it was written', async () => {
    const files = email('alpha', png(1, 2, 3));
    await writeOutputFiles(out, files);
    // Replaced by another file of other bytes, and changed in place through the path.
    fs.rmSync(path.join(out, PNG));
    fs.writeFileSync(path.join(out, PNG), png(5));
    fs.appendFileSync(path.join(out, 'email', 'alpha.html'), '<p>edited</p>');
    expect(await storeCachedOutput(cache, 'alpha', { files, meta: { n: 1 } }, out)).toBe(true);
    for (const f of files) {
      const kept = path.join(cache, 'alpha', 'files', f.path);
      expect(fs.readFileSync(kept), f.path).toEqual(Buffer.from(f.bytes));
      expect(ino(kept), f.path).not.toBe(ino(path.join(out, f.path)));
    }
    expect(await restoreCachedOutput(cache, 'alpha', path.join(out, '..', 'next'), isCount)).toEqual({ n: 1 });
    expect(fs.readFileSync(path.join(out, '..', 'next', PNG))).toEqual(png(1, 2, 3));
  });

  it('leaves a path it wrote with the same bytes, and replaces it for other bytes', async () => {
    await writeOutputFiles(out, email('alpha', png(1, 2, 3)));
    const first = ino(path.join(out, PNG));
    await writeOutputFiles(out, email('beta', png(1, 2, 3)));
    expect(ino(path.join(out, PNG))).toBe(first);
    await writeOutputFiles(out, email('gamma', png(7, 8)));
    expect(fs.readFileSync(path.join(out, PNG))).toEqual(png(7, 8));
    expect(ino(path.join(out, PNG))).not.toBe(first);
    // A file changed in place since it was written is written again, even with the bytes remembered.
    await writeOutputFiles(out, email('alpha', png(1, 2, 3)));
    fs.writeFileSync(path.join(out, PNG), png(6, 6, 6));
    await writeOutputFiles(out, email('beta', png(1, 2, 3)));
    expect(fs.readFileSync(path.join(out, PNG))).toEqual(png(1, 2, 3));
  });
});
