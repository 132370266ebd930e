import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSite, ROOT, type Site } from '../helpers/site.ts';

const run = promisify(execFile);
const MDX = 'content/issues/alpha/index.mdx';
const SPEC = 'content/issues/alpha/price.vl.json';

/** Runs `npm run build`'s script (scripts/build.ts) in the site's folder. */
async function npmBuild(site: Site): Promise<{ ok: boolean; code: number; output: string }> {
  const { NODE_ENV: _n, VITEST: _v, VITEST_WORKER_ID: _w, ...env } = process.env;
  try {
    const r = await run(process.execPath, ['scripts/build.ts'], { cwd: site.root, env: { ...env, NO_COLOR: '1', FORCE_COLOR: '0' }, maxBuffer: 64 * 1024 * 1024 });
    return { ok: true, code: 0, output: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { ok: false, code: err.code ?? -1, output: (err.stdout ?? '') + (err.stderr ?? '') };
  }
}

/** Every file of dist/ with a digest of its bytes. */
function snapshot(site: Site): Record<string, string> {
  const dist = path.join(site.root, 'dist');
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dist, { recursive: true }) as string[]) {
    const abs = path.join(dist, f);
    if (fs.statSync(abs).isFile()) out[f] = createHash('sha256').update(fs.readFileSync(abs)).digest('hex');
  }
  return out;
}

/**
 * Folders a build left beside dist/. The last output is handed to a child process that deletes
 * it in the background once the new one is in place: it is given a few seconds to be gone.
 */
async function leftovers(site: Site): Promise<string[]> {
  const list = () => fs.readdirSync(site.root).filter((f) => /^\.dist-(next|old|lock)-/.test(f));
  for (let i = 0; i < 100 && list().some((f) => f.startsWith('.dist-old-')); i++) await new Promise((r) => setTimeout(r, 100));
  return list();
}

describe('npm run build never destroys the last good output', () => {
  let site: Site;
  let good: Record<string, string>;
  let locked: string;
  let first: Awaited<ReturnType<typeof npmBuild>>;
  beforeAll(async () => {
    site = makeSite('basic');
    fs.cpSync(path.join(ROOT, 'scripts'), path.join(site.root, 'scripts'), { recursive: true });
    // A stand-in for the feed, email and OG-image hooks: it writes into the `dir` it is given.
    site.edit('astro.config.mjs', (t) =>
      `import { writeFileSync } from 'node:fs';\nimport { fileURLToPath } from 'node:url';\n${t}`.replace(
        'integrations: [',
        "integrations: [{ name: 'probe', hooks: { 'astro:build:done': ({ dir }) => { writeFileSync(new URL('hook-dir.txt', dir), fileURLToPath(dir)); writeFileSync(new URL('hook-env.txt', dir), String(process.env.MIMALLOC_PURGE_DELAY)); } } }, ",
      ),
    );
    first = await npmBuild(site);
    good = snapshot(site);
    locked = site.read('tally.lock.json');
  });

  it('package.json builds through scripts/build.ts', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.build).toBe('node scripts/build.ts');
    expect(pkg.scripts.dev).toBe('astro dev');
  });

  it('a good build lands in dist/, built in a fresh sibling folder the hooks wrote into', async () => {
    expect(first.ok, first.output).toBe(true);
    expect(first.output).toContain('[tally] The new build is in dist/.');
    // The lock is written after the swap, by the script: the new issue enters it then.
    expect(first.output.indexOf('[tally] Locked in tally.lock.json (commit it): alpha (new issue).')).toBeGreaterThan(first.output.indexOf('The new build is in dist/.'));
    expect(good['issues/alpha/index.html']).toBeDefined();
    expect(site.read('dist/hook-dir.txt')).toMatch(new RegExp(`${site.root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\.dist-next-\\d+/$`));
    expect(await leftovers(site)).toEqual([]);
  });

  it('starts Astro with mimalloc giving freed memory back at once (see src/core/allocator-env.ts)', () => {
    expect(site.read('dist/hook-env.txt')).toBe('0');
  });

  it.each([
    ['an invalid spec', (s: Site) => s.edit(SPEC, (t) => t.replace('"mark": "line"', '"mark": "lines"')), /price\.vl\.json:6: .*\/mark must be one of/],
    ['a bad CSV cell', (s: Site) => s.edit('data/prices.csv', (t) => t.replace('102.5', '"1,02.5"')), /data\/prices\.csv:3:2: Column "price" is declared number/],
    ['an empty issue', (s: Site) => s.write('content/issues/empty/index.mdx', ''), /issues → empty data does not match collection schema[\s\S]*title/],
    ['a second issue claiming a slug in front matter', (s: Site) => s.write('content/issues/beta/index.mdx', '---\ntitle: B\ndate: 2026-01-10\nsummary: S\nauthors: [A]\nslug: alpha\n---\nText.\n'), /slug/],
    ['an unknown figure', (s: Site) => s.edit(MDX, (t) => t.replace('<Fig name="run" />', '<Fig name="runs" />')), /index\.mdx:10:\d+: <Fig name="runs"> names no figure of issue "alpha"\. Did you mean "run"\?/],
    ['an unknown chart', (s: Site) => s.edit(MDX, (t) => t.replace('./price.vl.json', './prise.vl.json')), /No chart spec "\.\/prise\.vl\.json"\. Did you mean "\.\/price\.vl\.json"/],
  ])('%s: the build fails with a located message, exits non-zero, and dist/ keeps every byte', async (_name, breakIt, message) => {
    const backup = fs.mkdtempSync(path.join(path.dirname(site.root), 'undo-'));
    fs.cpSync(path.join(site.root, 'content'), path.join(backup, 'content'), { recursive: true });
    fs.cpSync(path.join(site.root, 'data'), path.join(backup, 'data'), { recursive: true });
    breakIt(site);
    const r = await npmBuild(site);
    for (const d of ['content', 'data']) {
      fs.rmSync(path.join(site.root, d), { recursive: true });
      fs.cpSync(path.join(backup, d), path.join(site.root, d), { recursive: true });
    }
    fs.rmSync(backup, { recursive: true });
    expect(r.ok).toBe(false);
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(message);
    expect(r.output).toContain('[tally] The build failed (exit code 1); dist/ was left as it was (the last good build).');
    expect(snapshot(site)).toEqual(good);
    expect(site.read('tally.lock.json')).toBe(locked);
    expect(await leftovers(site)).toEqual([]);
  });

  it('a changed published number fails as a build error: the figures, the rows, the command; no stack, no hook wrapper', async () => {
    const prices = site.read('data/prices.csv');
    site.edit('data/prices.csv', (t) => t.replace('2026-01-08,121,', '2026-01-08,130,'));
    const r = await npmBuild(site);
    site.write('data/prices.csv', prices);
    expect(r.ok).toBe(false);
    expect(r.output).toContain('Published figures changed\ntally.lock.json:3:1: The data would change 1 published issue recorded in tally.lock.json:');
    expect(r.output).toMatch(/alpha \(as of 2026-01-08\)\n\s+change\s+\+21\.0% → \+30\.0%\n\s+lastPrice\s+\$121\.00 → \$130\.00/);
    expect(r.output).toContain('    data/prices.csv changed since the lock:\n      2026-01-08 (line 6): price 121 → 130\n');
    expect(r.output).toContain('run `npm run accept`');
    expect(r.output).not.toMatch(/Stack trace|unhandled error|\n\s+at /i);
    expect(snapshot(site)).toEqual(good);
    expect(site.read('tally.lock.json')).toBe(locked);
    expect(await leftovers(site)).toEqual([]);
  });

  it('removes what builds that are gone left: their fresh folder and pending lock, and an old output not yet deleted', async () => {
    const gone = 2 ** 22 + 17;
    fs.mkdirSync(path.join(site.root, `.dist-next-${gone}`, 'issues'), { recursive: true });
    fs.mkdirSync(path.join(site.root, `.dist-old-${gone}`, 'issues', 'alpha'), { recursive: true });
    fs.writeFileSync(path.join(site.root, `.dist-old-${gone}`, 'issues', 'alpha', 'index.html'), 'old');
    fs.writeFileSync(path.join(site.root, `.dist-lock-${gone}.json`), '{}');
    const r = await npmBuild(site);
    expect(r.ok, r.output).toBe(true);
    expect(await leftovers(site)).toEqual([]);
  });

  it('a good build after failures replaces dist/ with the new output', async () => {
    site.edit(MDX, (t) => t.replace('Shown another way', 'Put differently'));
    const r = await npmBuild(site);
    expect(r.ok, r.output).toBe(true);
    expect(site.read('dist/issues/alpha/index.html')).toContain('Put differently');
    expect(snapshot(site)['issues/alpha/index.html']).not.toBe(good['issues/alpha/index.html']);
    expect(await leftovers(site)).toEqual([]);
  });
});
