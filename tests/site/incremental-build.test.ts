import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildSite, figureText, makeFlagshipSite, ROOT, type BuildResult } from '../helpers/site.ts';

const run = promisify(execFile);

/** Issue pages Astro copied from the last build instead of rendering (and chart files, which it no longer handles). */
const copied = (r: BuildResult) => [...r.output.matchAll(/\/(issues|charts)\/([^/\s]+)\/\S+ \((?:cached|restored)\)/g)].map((m) => `${m[1]}/${m[2]}`);
const copiedPages = (r: BuildResult) => copied(r).filter((p) => p.startsWith('issues/')).sort();

describe("incremental builds: an issue page is copied while its inputs are unchanged, and rendered again when one changes", () => {
  it('copies unchanged pages from the first rebuild on, and renders again exactly the issue whose data cell or spec changed', async () => {
    const site = makeFlagshipSite();
    const first = await buildSite(site);
    expect(first.ok, first.output).toBe(true);
    expect(copied(first)).toEqual([]);
    const flagship = first.html('/issues/fixture-rotation/');
    const claims = first.html('/issues/fixture-claims/');

    const second = await buildSite(site);
    expect(second.ok, second.output).toBe(true);
    expect(copiedPages(second)).toEqual(['issues/fixture-claims', 'issues/fixture-rotation']);
    // Chart files are not Astro's: each chart's two files (the interactive view's spec and the
    // data as CSV) are linked from Tally's store at the build's end (tests/site/chart-files.test.ts).
    expect(copied(second).filter((p) => p.startsWith('charts/'))).toEqual([]);
    expect(fs.readdirSync(path.join(site.root, 'dist', 'charts', 'fixture-rotation'))).toHaveLength(12);
    expect(second.html('/issues/fixture-rotation/')).toBe(flagship);

    // A data cell only the flagship reads: its page is rendered with the new number, the other copied.
    site.edit('data/forward-pe.csv', (t) => t.replace(/\n2025-12-31,18\.0,26\.0,/, '\n2025-12-31,17.0,26.0,'));
    await run(process.execPath, [`${ROOT}/scripts/figures.ts`, '--accept', '--reason', 'The forward P/E was revised.'], { cwd: site.root });
    const third = await buildSite(site);
    expect(third.ok, third.output).toBe(true);
    expect(copiedPages(third)).toEqual(['issues/fixture-claims']);
    expect(figureText(third.html('/issues/fixture-rotation/'), 'smallPe')).toEqual(['17x']);
    expect(third.html('/issues/fixture-claims/')).toBe(claims);

    // A changed spec: that page and chart file are rendered again.
    site.edit('content/issues/fixture-claims/claims.vl.json', (t) => t.replace(/"description": "/, '"description": "Edited. '));
    const fourth = await buildSite(site);
    expect(copiedPages(fourth)).toEqual(['issues/fixture-rotation']);
    expect(fs.readdirSync(path.join(site.root, 'dist', 'charts', 'fixture-claims')).sort()).toEqual(['claims.csv', 'claims.json']);
    const edited = fourth.html('/issues/fixture-claims/');
    expect(edited).toContain('Edited. ');

    // Without the record of what each page read, the reads are worked out from the figures and
    // specs: the keys come out the same, so the pages are still copied, unchanged.
    fs.rmSync(path.join(site.root, '.tally-cache', 'pages'), { recursive: true, force: true });
    const fifth = await buildSite(site);
    expect(copiedPages(fifth)).toEqual(['issues/fixture-claims', 'issues/fixture-rotation']);
    expect(fifth.html('/issues/fixture-claims/')).toBe(edited);

    // Without any of Tally's cache, Astro's copies cannot be checked against their recorded
    // digests: every page is rendered again, to the same bytes.
    fs.rmSync(path.join(site.root, '.tally-cache'), { recursive: true, force: true });
    const sixth = await buildSite(site);
    expect(sixth.ok, sixth.output).toBe(true);
    expect(copiedPages(sixth)).toEqual([]);
    expect(sixth.html('/issues/fixture-claims/')).toBe(edited);
  }, 480_000);
});
