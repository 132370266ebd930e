import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, buildSite, figureText, makeSite, type Site } from '../helpers/site.ts';

const run = promisify(execFile);
const FLAGS: string[] = [];
const PRICES = 'data/prices.csv';

/** Runs scripts/figures.ts in the site, as `npm run figures` / `npm run accept` would. */
async function figures(site: Site, ...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const r = await run(process.execPath, [...FLAGS, 'scripts/figures.ts', ...args], { cwd: site.root, env: { ...process.env, TALLY_ROOT: site.root } });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

const lockOf = (site: Site) => JSON.parse(site.read('tally.lock.json')) as { issues: Record<string, { figures: Record<string, { rendered: string }> }> };

describe('the lock on published figures', () => {
  let site: Site;
  let firstLock: string;
  beforeAll(async () => {
    site = makeSite('basic');
    fs.cpSync(path.join(ROOT, 'scripts'), path.join(site.root, 'scripts'), { recursive: true });
    const first = await buildSite(site);
    expect(first.ok, first.output).toBe(true);
    firstLock = site.read('tally.lock.json');
  });

  it('the first build locks the new published issue and never the draft', () => {
    const lock = lockOf(site);
    expect(Object.keys(lock.issues)).toEqual(['alpha']);
    expect(lock.issues.alpha!.figures.lastPrice!.rendered).toBe('$121.00');
  });

  it('appending rows after asOf changes nothing: the build passes and the lock is untouched', async () => {
    site.edit(PRICES, (t) => `${t.trimEnd()}\n2026-01-12,500,40,Later\n2026-01-13,510,41,Later still\n`);
    const r = await buildSite(site);
    expect(r.ok, r.output).toBe(true);
    expect(site.read('tally.lock.json')).toBe(firstLock);
    expect(figureText(r.html('/issues/alpha/'), 'lastPrice')).toEqual(['$121.00']);
  });

  it('a changed historical value fails the build with the diff, the files and the command', async () => {
    site.edit(PRICES, (t) => t.replace('2026-01-08,121,', '2026-01-08,130,'));
    const r = await buildSite(site);
    expect(r.ok).toBe(false);
    expect(r.output).toContain('The data would change 1 published issue recorded in tally.lock.json:');
    expect(r.output).toContain('alpha (as of 2026-01-08)');
    expect(r.output).toMatch(/lastPrice\s+\$121\.00 → \$130\.00/);
    expect(r.output).toMatch(/change\s+\+21\.0% → \+30\.0%/);
    expect(r.output).toMatch(/chart price\.vl\.json\s+data [0-9a-f]{16} → data [0-9a-f]{16}/);
    // The rows behind the change, from the copy of the data kept when the lock was written.
    expect(r.output).toContain('data/prices.csv changed since the lock:\n      2026-01-08 (line 6): price 121 → 130\n');
    expect(r.output).toContain('npm run accept');
    // A build error, not a crash: no stack trace, no "unhandled error" wrapper around the hook.
    expect(r.output).not.toMatch(/Stack trace|unhandled error|\n\s+at /i);
    expect(site.read('tally.lock.json')).toBe(firstLock);
  });

  it('npm run figures shows the change; with --check it exits 1', async () => {
    const table = await figures(site);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/alpha\s+lastPrice\s+\$121\.00 → \$130\.00\s+2026-01-08\s+changed\s+prices\.csv: price/);
    expect(table.out).toMatch(/alpha\s+run\s+2\s+2026-01-08\s+locked/);
    expect((await figures(site, '--check')).code).toBe(1);
  });

  it('accepting (with the reason a changed published figure needs) rewrites the lock; the next build passes and the page shows the new number', async () => {
    const accepted = await figures(site, '--accept', '--reason', 'The January 8 price was revised.');
    expect(accepted.code, accepted.out).toBe(0);
    expect(accepted.out).toMatch(/lastPrice\s+\$121\.00 → \$130\.00/);
    expect(lockOf(site).issues.alpha!.figures.lastPrice!.rendered).toBe('$130.00');
    const r = await buildSite(site);
    expect(r.ok, r.output).toBe(true);
    expect(figureText(r.html('/issues/alpha/'), 'lastPrice')).toEqual(['$130.00']);
  });

  it('a change to figures.ts alone fails with a hint that names the figures module and the accept command', async () => {
    const FIGURES = 'content/issues/alpha/figures.ts';
    const before = site.read(FIGURES);
    site.edit(FIGURES, (t) => t.replace("format: 'currency', description: 'Last widget price'", "format: 'currency:0', description: 'Last widget price'"));
    const r = await buildSite(site);
    site.write(FIGURES, before);
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/lastPrice\s+\$130\.00 → \$130\n/);
    expect(r.output).toContain('    no data file changed: the figures module, a spec or the front matter did.');
    expect(r.output).toContain("No data file changed, so the issue's figures module (figures.ts), a chart spec or its front matter did (`git diff content/` shows it). If the change is intended, run `npm run accept` with a reason readers will see (`npm run accept -- --reason \"…\"`) to rewrite tally.lock.json and commit it; otherwise undo it.");
    expect(r.output).not.toContain('restore the rows listed above');
  });

  it('a draft that is published enters the lock with the build, without ceremony', async () => {
    site.edit('content/issues/draft-one/index.mdx', (t) => t.replace('draft: true', 'draft: false'));
    const r = await buildSite(site);
    expect(r.ok, r.output).toBe(true);
    expect(r.output).toContain('Locked in tally.lock.json (commit it): draft-one (new issue).');
    expect(Object.keys(lockOf(site).issues)).toEqual(['alpha', 'draft-one']);
  });
});
