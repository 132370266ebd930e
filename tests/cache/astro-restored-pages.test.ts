import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAstroCache } from '../../src/cache/astro-page-cache.ts';
import { restoredPageDigests } from '../../src/cache/astro-restored-pages.ts';
import { digestIssuePages } from '../../src/renditions/page-digests.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
const SLUGS = ['alpha', 'beta'];

/**
 * Astro's cache as a good build leaves it (its manifest listing two issue pages, their stored
 * copies, Tally's record of both), then a next build that copies both pages into a fresh output
 * folder; each case spoils one condition, and that page must then be read.
 */
describe("pages Astro copied: digests known from the last good build's record", () => {
  let root: string;
  let out: string;
  const cache = () => path.join(root, '.astro', 'cache');
  const copy = (slug: string) => path.join(cache(), 'dist', 'issues', slug, 'index.html');
  const page = (slug: string) => path.join(out, 'issues', slug, 'index.html');
  const manifest = (slugs: string[]) =>
    JSON.stringify({ version: 1, routes: { 'src/pages/issues/[slug].astro': { paths: Object.fromEntries(slugs.map((s) => [`/issues/${s}`, { cacheKey: `k-${s}`, outputFile: `issues/${s}/index.html` }])) } } });
  /** This build's manifest, as Astro writes it before astro:build:done. */
  const writeManifest = (slugs = SLUGS) => fs.writeFileSync(path.join(cache(), 'incremental-build.json'), manifest(slugs));
  /** Astro's restore of a stored copy into the output. */
  const restore = (slug: string) => {
    fs.mkdirSync(path.dirname(page(slug)), { recursive: true });
    fs.copyFileSync(copy(slug), page(slug));
  };

  beforeEach(async () => {
    root = tempDir('restored-pages-');
    out = path.join(root, 'dist');
    for (const slug of SLUGS) {
      fs.mkdirSync(path.dirname(copy(slug)), { recursive: true });
      fs.writeFileSync(copy(slug), `<h1>${slug}</h1>`.repeat(3));
      fs.mkdirSync(path.join(root, 'content', 'issues', slug), { recursive: true });
      fs.writeFileSync(path.join(root, 'content', 'issues', slug, 'index.mdx'), '---\n---\n');
    }
    writeManifest();
    // The last good build ended a while ago.
    const then = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(cache(), 'incremental-build.json'), then, then);
    await recordAstroCache(root);
    writeManifest();
    for (const slug of SLUGS) restore(slug);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('knows the digest of each copied page, the same as reading it', async () => {
    const known = restoredPageDigests(out, root);
    expect([...known.keys()].sort()).toEqual(['issues/alpha/index.html', 'issues/beta/index.html']);
    for (const slug of SLUGS) expect(known.get(`issues/${slug}/index.html`)).toBe(sha(fs.readFileSync(page(slug))));
    await expect(digests()).resolves.toEqual(readDigests());
  });

  it.each([
    ['Astro wrote no manifest in this build (its stamp is the recorded one)', async () => {
      const then = new Date(Date.now() - 60_000);
      fs.utimesSync(path.join(cache(), 'incremental-build.json'), then, then);
      await recordAstroCache(root);
    }, ['alpha', 'beta']],
    ['no manifest at all', () => fs.rmSync(path.join(cache(), 'incremental-build.json')), ['alpha', 'beta']],
    ['no record of the last good build', () => fs.rmSync(path.join(root, '.tally-cache', 'astro-pages'), { recursive: true }), ['alpha', 'beta']],
    ['the page was rendered and stored again (its stored copy written in this build)', () => {
      fs.writeFileSync(copy('alpha'), '<h1>ALPHA</h1>'.repeat(3));
      fs.copyFileSync(copy('alpha'), page('alpha'));
    }, ['alpha']],
    ['the page was rendered without a key (not in the manifest)', () => {
      writeManifest(['beta']);
      fs.writeFileSync(page('alpha'), '<h1>other</h1>');
    }, ['alpha']],
    ['the page in the output has another size', () => fs.appendFileSync(page('beta'), ' '), ['beta']],
    ['the page in the output is older than the last good build (left there before it)', () => {
      fs.writeFileSync(page('beta'), '<h1>BETA</h1>'.repeat(3));
      const old = new Date(Date.now() - 3_600_000);
      fs.utimesSync(page('beta'), old, old);
    }, ['beta']],
  ])('reads the page when %s', async (_case, spoil, unknown) => {
    await spoil();
    const known = restoredPageDigests(out, root);
    for (const slug of unknown) expect(known.has(`issues/${slug}/index.html`), slug).toBe(false);
    for (const slug of SLUGS.filter((s) => !unknown.includes(s))) expect(known.get(`issues/${slug}/index.html`)).toBe(sha(fs.readFileSync(page(slug))));
    await expect(digests()).resolves.toEqual(readDigests());
  });

  const digests = async () => {
    const saved = process.env.TALLY_ROOT;
    process.env.TALLY_ROOT = root;
    try {
      return await digestIssuePages(out);
    } finally {
      if (saved === undefined) delete process.env.TALLY_ROOT;
      else process.env.TALLY_ROOT = saved;
    }
  };
  const readDigests = () => SLUGS.map((slug) => ({ slug, file: `issues/${slug}/index.html`, digest: sha(fs.readFileSync(page(slug))) }));
});
