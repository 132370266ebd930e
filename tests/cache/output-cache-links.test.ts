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
