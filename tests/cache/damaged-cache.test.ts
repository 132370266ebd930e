import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, makeSite, type Site } from '../helpers/site.ts';

/** Every file of a build's output and the sha256 of its bytes. */
function digestTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const abs = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, abs), createHash('sha256').update(fs.readFileSync(abs)).digest('hex'));
  }
  return out;
}

/** The cache files a build leaves: Tally's and Astro's (its page cache, Vite's, the content store). */
function cacheFiles(site: Site): string[] {
  return ['.tally-cache', '.astro']
    .flatMap((top) => (fs.existsSync(path.join(site.root, top)) ? (fs.readdirSync(path.join(site.root, top), { recursive: true, withFileTypes: true }) as fs.Dirent[]) : []))
    .filter((e) => e.isFile())
    .map((e) => path.relative(site.root, path.join(e.parentPath, e.name)))
    .sort();
}

/** A small deterministic generator, so a failure names a subset that can be damaged again. */
function pick<T>(items: readonly T[], seed: number, share: number): T[] {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return items.filter(() => next() < share);
}

type Damage = (site: Site, files: string[]) => void;

const keepTimes = (abs: string, change: () => void) => {
  const st = fs.statSync(abs);
  change();
  fs.utimesSync(abs, st.atime, st.mtime);
};

const DAMAGE: Record<string, Damage> = {
  truncate: (site, files) => files.forEach((f) => keepTimes(path.join(site.root, f), () => fs.truncateSync(path.join(site.root, f), Math.floor(fs.statSync(path.join(site.root, f)).size / 2)))),
  empty: (site, files) => files.forEach((f) => keepTimes(path.join(site.root, f), () => fs.truncateSync(path.join(site.root, f), 0))),
  delete: (site, files) => files.forEach((f) => fs.rmSync(path.join(site.root, f))),
  swap: (site, files) => {
    for (let i = 0; i + 1 < files.length; i += 2) {
      const [a, b] = [path.join(site.root, files[i]!), path.join(site.root, files[i + 1]!)];
      fs.renameSync(a, `${a}.swap`);
      fs.renameSync(b, a);
      fs.renameSync(`${a}.swap`, b);
    }
  },
  'flip bytes': (site, files) =>
    files.forEach((f) => {
      const abs = path.join(site.root, f);
      const bytes = fs.readFileSync(abs);
      if (!bytes.length) return;
      bytes[bytes.length >> 1]! ^= 0x20;
      // Same size and modification time: only the bytes tell.
      keepTimes(abs, () => fs.writeFileSync(abs, bytes));
    }),
};

/** Builds into a fresh dist/, as npm run build does (its swap always starts from an empty folder). */
async function freshBuild(site: Site): Promise<Map<string, string>> {
  fs.rmSync(path.join(site.root, 'dist'), { recursive: true, force: true });
  const result = await buildSite(site);
  expect(result.ok, result.output).toBe(true);
  return digestTree(path.join(site.root, 'dist'));
}

describe('a damaged cache never reaches the output', () => {
  let site: Site;
  let clean: Map<string, string>;
  beforeAll(async () => {
    site = makeSite('basic');
    clean = await freshBuild(site);
  });

  it('a warm build with whole caches gives the clean build byte for byte, reusing the pages', async () => {
    expect(cacheFiles(site).some((f) => f.startsWith('.astro/cache/dist/'))).toBe(true);
    expect(await freshBuild(site)).toEqual(clean);
  });

  it.each(Object.keys(DAMAGE).map((kind, i) => [kind, i + 1] as const))('%s: any subset of cache files damaged, the next build is byte-identical to a clean one', async (kind, seed) => {
    const files = cacheFiles(site);
    // Damage some of every cache, and the pages Astro would copy in any case.
    const chosen = [...new Set([...pick(files, seed, 0.4), ...files.filter((f) => f.startsWith('.astro/cache/dist/issues/'))])];
    expect(chosen.length).toBeGreaterThan(3);
    DAMAGE[kind]!(site, chosen);
    expect(await freshBuild(site)).toEqual(clean);
  });
});
