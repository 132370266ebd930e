import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepNewestOutputs, restoreCachedOutput, storeCachedOutput, writeOutputFiles, type OutputFile } from '../../src/cache/output-cache.ts';
import { readEntryJson, writeEntry } from '../../src/cache/verified-entry.ts';
import { digestIssuePages } from '../../src/renditions/page-digests.ts';
import { emailCacheKey } from '../../src/renditions/email/write-emails.ts';
import { cardCacheKey } from '../../src/renditions/og/write-cards.ts';
import { searchCacheKey } from '../../src/renditions/search/index-site.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const isCount = (v: unknown): v is { n: number } => typeof (v as { n?: unknown } | null)?.n === 'number';
const files: OutputFile[] = [
  { path: 'email/alpha.html', bytes: Buffer.from('<p>alpha</p>') },
  { path: 'email/charts/chart-1.png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) },
];
const text = (out: { files: OutputFile[] } | undefined) => out?.files.map((f) => `${f.path}=${Buffer.from(f.bytes).toString('hex')}`);
let restores = 0;

/** Restores an entry into a fresh output folder: its note and the files that came out, or undefined. */
async function readCachedOutput(dir: string, key: string, isMeta: typeof isCount): Promise<{ meta: { n: number }; files: OutputFile[] } | undefined> {
  const out = tempDir(`tally-restore-${restores++}-`);
  try {
    const meta = await restoreCachedOutput(dir, key, out, isMeta);
    const found = (fs.readdirSync(out, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(out, f)).isFile());
    if (!meta) {
      expect(found).toEqual([]); // nothing is copied from an entry that is not whole
      return undefined;
    }
    const order = files.map((f) => f.path);
    const got = found.map((f) => f.split(path.sep).join('/')).sort((a, b) => order.indexOf(a) - order.indexOf(b));
    return { meta, files: got.map((p) => ({ path: p, bytes: fs.readFileSync(path.join(out, p)) })) };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

describe('the build-end output cache', () => {
  let tmp: string;
  let dir: string;
  beforeAll(() => {
    tmp = tempDir('tally-output-cache-');
    dir = path.join(tmp, 'cache');
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('gives back the files and note it stored, and nothing for a key never stored', async () => {
    expect(await storeCachedOutput(dir, 'k1', { files, meta: { n: 2 } })).toBe(true);
    const got = await readCachedOutput(dir, 'k1', isCount);
    expect(text(got)).toEqual(text({ files }));
    expect(got?.meta).toEqual({ n: 2 });
    expect(await readCachedOutput(dir, 'k2', isCount)).toBeUndefined();
    expect(fs.readdirSync(dir)).toEqual(['k1']); // no temp folder left
  });

  it('refuses an entry with a changed, truncated or missing file, a broken index or a note of the wrong shape, and replaces it when stored again', async () => {
    const file = path.join(dir, 'k1', 'files', 'email', 'alpha.html');
    const damage: (() => void)[] = [
      () => {
        // Same size, other bytes, same modification time: told apart by the digest recorded when stored.
        const { atime, mtime } = fs.statSync(file);
        fs.writeFileSync(file, '<p>ALPHA</p>');
        fs.utimesSync(file, atime, mtime);
      },
      () => fs.writeFileSync(file, '<p>al'),
      () => fs.rmSync(file),
      () => fs.writeFileSync(path.join(dir, 'k1', 'entry.json'), '{"files": ['),
      () => writeEntry(path.join(dir, 'k1', 'entry.json'), JSON.stringify({ ...(readEntryJson(path.join(dir, 'k1', 'entry.json'), 'k1') as object), meta: { n: 'two' } }), 'k1'),
    ];
    for (const [i, spoil] of damage.entries()) {
      spoil();
      expect(await readCachedOutput(dir, 'k1', isCount), `damage ${i}`).toBeUndefined();
      expect(await storeCachedOutput(dir, 'k1', { files, meta: { n: 2 } })).toBe(true);
      expect(text(await readCachedOutput(dir, 'k1', isCount))).toEqual(text({ files }));
    }
  });

  it('links each restored file to the cached one, and refuses it once changed through that link between builds (same size, other bytes)', async () => {
    expect(await storeCachedOutput(dir, 'linked', { files, meta: { n: 2 } })).toBe(true);
    const cached = path.join(dir, 'linked', 'files', 'email', 'alpha.html');
    const out = fs.mkdtempSync(path.join(tmp, 'out-linked-'));
    expect(await restoreCachedOutput(dir, 'linked', out, isCount)).toEqual({ n: 2 });
    const published = path.join(out, 'email', 'alpha.html');
    expect(fs.statSync(published).ino).toBe(fs.statSync(cached).ino);
    // A second build restores the same entry: the links stand, the stamps still hold.
    const again = fs.mkdtempSync(path.join(tmp, 'out-linked-'));
    expect(await restoreCachedOutput(dir, 'linked', again, isCount)).toEqual({ n: 2 });
    // Between builds the published file is written in place, through the link, its time set back.
    const { atime, mtime } = fs.statSync(published);
    fs.writeFileSync(published, '<p>ALPHA</p>');
    fs.utimesSync(published, atime, mtime);
    expect(fs.readFileSync(cached, 'utf8')).toBe('<p>ALPHA</p>');
    expect(await readCachedOutput(dir, 'linked', isCount)).toBeUndefined();
    expect(fs.existsSync(path.join(dir, 'linked'))).toBe(false);
  });

  it('restores entries that share folders into one output, over files already there, each as a link', async () => {
    const second: OutputFile[] = [
      { path: 'email/beta.html', bytes: Buffer.from('<p>beta</p>') },
      { path: 'email/charts/chart-2.png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 4, 5]) },
    ];
    expect(await storeCachedOutput(dir, 'shared-a', { files, meta: { n: 2 } })).toBe(true);
    expect(await storeCachedOutput(dir, 'shared-b', { files: second, meta: { n: 2 } })).toBe(true);
    const out = fs.mkdtempSync(path.join(tmp, 'out-shared-'));
    fs.mkdirSync(path.join(out, 'email'));
    fs.writeFileSync(path.join(out, 'email', 'beta.html'), 'left from before');
    expect(await restoreCachedOutput(dir, 'shared-a', out, isCount)).toEqual({ n: 2 });
    expect(await restoreCachedOutput(dir, 'shared-b', out, isCount)).toEqual({ n: 2 });
    for (const [key, list] of [['shared-a', files], ['shared-b', second]] as const) {
      for (const f of list) {
        expect(fs.readFileSync(path.join(out, f.path))).toEqual(Buffer.from(f.bytes));
        expect(fs.statSync(path.join(out, f.path)).ino).toBe(fs.statSync(path.join(dir, key, 'files', f.path)).ino);
      }
    }
  });

  it('writes a file over a linked one without changing the cache', async () => {
    expect(await storeCachedOutput(dir, 'kept', { files, meta: { n: 2 } })).toBe(true);
    const out = fs.mkdtempSync(path.join(tmp, 'out-kept-'));
    expect(await restoreCachedOutput(dir, 'kept', out, isCount)).toEqual({ n: 2 });
    await writeOutputFiles(out, [{ path: 'email/alpha.html', bytes: Buffer.from('<p>other</p>') }]);
    expect(fs.readFileSync(path.join(out, 'email', 'alpha.html'), 'utf8')).toBe('<p>other</p>');
    expect(text(await readCachedOutput(dir, 'kept', isCount))).toEqual(text({ files }));
  });

  it.skipIf(!fs.existsSync('/dev/shm') || fs.statSync('/dev/shm').dev === fs.statSync(os.tmpdir()).dev)('copies where the output is on another file system', async () => {
    expect(await storeCachedOutput(dir, 'far', { files, meta: { n: 2 } })).toBe(true);
    const out = fs.mkdtempSync(path.join('/dev/shm', 'tally-out-'));
    try {
      expect(await restoreCachedOutput(dir, 'far', out, isCount)).toEqual({ n: 2 });
      expect(fs.readFileSync(path.join(out, 'email', 'charts', 'chart-1.png'))).toEqual(files[1]!.bytes);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('never stores or reads a path that leaves its folder', async () => {
    expect(await storeCachedOutput(dir, 'bad', { files: [{ path: '../escape.txt', bytes: Buffer.from('x') }], meta: { n: 1 } })).toBe(false);
    expect(fs.existsSync(path.join(dir, 'escape.txt'))).toBe(false);
    const index = path.join(dir, 'k1', 'entry.json');
    const saved = fs.readFileSync(index, 'utf8');
    fs.writeFileSync(index, saved.replace('"email/alpha.html"', '"../../../etc/hostname"'));
    expect(await readCachedOutput(dir, 'k1', isCount)).toBeUndefined();
    fs.writeFileSync(index, saved);
  });

  it('only costs time when the cache folder cannot be written', async () => {
    const blocked = path.join(tmp, 'a-file');
    fs.writeFileSync(blocked, 'not a folder');
    expect(await storeCachedOutput(path.join(blocked, 'cache'), 'k1', { files, meta: { n: 2 } })).toBe(false);
    expect(await readCachedOutput(path.join(blocked, 'cache'), 'k1', isCount)).toBeUndefined();
  });

  it('writes files into the output folder, creating their folders', async () => {
    const out = path.join(tmp, 'out');
    await writeOutputFiles(out, files);
    expect(fs.readFileSync(path.join(out, 'email', 'charts', 'chart-1.png'))).toEqual(files[1]!.bytes);
  });

  it('keeps the entries used last, and deletes entries without an index', async () => {
    const prune = path.join(tmp, 'prune');
    for (const k of ['a', 'b', 'c', 'd']) {
      await storeCachedOutput(prune, k, { files, meta: { n: 2 } });
      const t = new Date(Date.UTC(2026, 0, 1 + 'abcd'.indexOf(k)));
      fs.utimesSync(path.join(prune, k, 'entry.json'), t, t);
    }
    fs.mkdirSync(path.join(prune, 'half'));
    await keepNewestOutputs(prune, 2, 'a'); // a is used now: the newest
    expect(fs.readdirSync(prune).sort()).toEqual(['a', 'd']);
  });
});

describe('page digests and cache keys', () => {
  it('digests each issue page of an output folder once, in slug order', async () => {
    const project = tempDir('tally-digests-');
    const out = path.join(project, 'dist');
    for (const slug of ['beta', 'alpha', 'draft']) {
      fs.mkdirSync(path.join(project, 'content', 'issues', slug), { recursive: true });
      fs.writeFileSync(path.join(project, 'content', 'issues', slug, 'index.mdx'), '---\n---\n');
      if (slug === 'draft') continue; // an issue whose page the build did not write
      fs.mkdirSync(path.join(out, 'issues', slug), { recursive: true });
      fs.writeFileSync(path.join(out, 'issues', slug, 'index.html'), `<h1>${slug}</h1>`);
    }
    fs.mkdirSync(path.join(out, 'issues', 'no-issue'));
    fs.writeFileSync(path.join(out, 'issues', 'no-issue', 'index.html'), 'not an issue of this site');
    const saved = process.env.TALLY_ROOT;
    process.env.TALLY_ROOT = project;
    const pages = await digestIssuePages(out).finally(() => {
      if (saved === undefined) delete process.env.TALLY_ROOT;
      else process.env.TALLY_ROOT = saved;
    });
    expect(pages).toEqual(
      ['alpha', 'beta'].map((slug) => ({ slug, file: `issues/${slug}/index.html`, digest: createHash('sha256').update(`<h1>${slug}</h1>`).digest('hex') })),
    );
    fs.rmSync(project, { recursive: true, force: true });
  });

  const page = { slug: 'alpha', file: 'issues/alpha/index.html', digest: 'd1' };
  const site = new URL('https://news.example.org/');

  it('keys an email by the page bytes, its slug, the site URL and the code version', () => {
    const k = emailCacheKey(page, site, 'v1');
    expect(emailCacheKey({ ...page }, new URL(site), 'v1')).toBe(k);
    expect(emailCacheKey({ ...page, digest: 'd2' }, site, 'v1')).not.toBe(k);
    expect(emailCacheKey({ ...page, slug: 'beta' }, site, 'v1')).not.toBe(k);
    expect(emailCacheKey(page, new URL('https://tally.example.com/'), 'v1')).not.toBe(k);
    expect(emailCacheKey(page, site, 'v2')).not.toBe(k);
  });

  it('keys a card by the page bytes, its slug, the text of its index.mdx (which names the headline) and the code version', () => {
    const mdx = '---\ntitle: Alpha\nheadline: lastPrice\n---\n\nText.\n';
    const k = cardCacheKey(page, mdx, 'v1');
    expect(cardCacheKey({ ...page }, `${mdx}`, 'v1')).toBe(k);
    expect(cardCacheKey({ ...page, digest: 'd2' }, mdx, 'v1')).not.toBe(k);
    expect(cardCacheKey({ ...page, slug: 'beta' }, mdx, 'v1')).not.toBe(k);
    expect(cardCacheKey(page, mdx.replace('lastPrice', 'change'), 'v1')).not.toBe(k);
    expect(cardCacheKey(page, mdx.replace('headline: lastPrice\n', ''), 'v1')).not.toBe(k);
    expect(cardCacheKey(page, mdx, 'v2')).not.toBe(k);
  });

  it('keys the search index by every page URL and digest and the code version', () => {
    const beta = { slug: 'beta', file: 'issues/beta/index.html', digest: 'd3' };
    const k = searchCacheKey([page, beta], 'v1');
    expect(searchCacheKey([{ ...page }, { ...beta }], 'v1')).toBe(k);
    expect(searchCacheKey([page, { ...beta, digest: 'd4' }], 'v1')).not.toBe(k);
    expect(searchCacheKey([page], 'v1')).not.toBe(k);
    expect(searchCacheKey([page, beta], 'v2')).not.toBe(k);
  });
});
