import { readInteractiveFile, type InteractiveFile } from '../../src/charts/interactive-file.ts';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT, buildSite, figureText, makeSite } from '../helpers/site.ts';

const run = promisify(execFile);
const OWN = 'content/issues/own-data/data';

describe("an issue with its own data folder", () => {
  it('reads its own prices.csv before the shared one, with its provenance, cut, chart, lock and drift, while other issues keep the shared file', async () => {
    const site = makeSite('issue-data', { on: 'basic' });
    fs.cpSync(path.join(ROOT, 'scripts'), path.join(site.root, 'scripts'), { recursive: true });
    const built = await buildSite(site);
    expect(built.ok, built.output).toBe(true);

    const html = built.html('/issues/own-data/');
    // The issue's own rows, cut at its asOf (the 2026-01-09 row of 999 is after it).
    expect(figureText(html, 'ownLast')).toEqual(['$530.00']);
    expect(figureText(html, 'ownTotal')).toEqual(['$1,550.00']);
    // A name the issue does not have falls back to the shared data/.
    expect(figureText(html, 'sharedThreshold')).toEqual(['105']);
    const has = (text: string, part: string) => expect(text.includes(part), part).toBe(true);
    has(html, `(${OWN}/prices.csv: price; illustrative)`);
    has(html, '(data/settings.json)');
    const sources = html.slice(html.indexOf('id="sources-and-method"')).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    has(sources, `File ${OWN}/prices.csv `);
    has(sources, 'File data/settings.json ');
    expect(readInteractiveFile(JSON.parse(site.read('dist/charts/own-data/own-prices.json')) as InteractiveFile).data.flat()).toContainEqual({ date: '2026-01-07T00:00', price: 530 });
    expect(site.read('dist/charts/own-data/own-prices.json')).not.toContain('999');
    // The shared prices.csv of the same name still feeds the other issue.
    expect(figureText(built.html('/issues/alpha/'), 'lastPrice')).toEqual(['$121.00']);
    has(built.html('/about/'), `<code>${OWN}/prices.csv</code>`);

    // The lock names the file by its path from the project root.
    const lock = JSON.parse(site.read('tally.lock.json')) as { issues: Record<string, { figures: Record<string, { sources: { file: string }[] }> }> };
    expect(lock.issues['own-data']!.figures.ownLast!.sources).toEqual([{ file: `${OWN}/prices.csv`, columns: ['price'] }]);
    const listed = await run(process.execPath, ['scripts/figures.ts'], { cwd: site.root, env: { ...process.env, TALLY_ROOT: site.root } });
    expect(listed.stdout).toMatch(new RegExp(`own-data\\s+ownLast\\s+\\$530\\.00\\s+2026-01-08\\s+locked\\s+${OWN}/prices\\.csv: price`));

    // A changed historical cell in the issue's own file is drift, shown with its file and row.
    const before = site.read('dist/issues/own-data/index.html');
    site.edit(`${OWN}/prices.csv`, (t) => t.replace('2026-01-07,530', '2026-01-07,540'));
    const drift = await buildSite(site);
    expect(drift.ok).toBe(false);
    expect(drift.output).toMatch(/ownLast\s+\$530\.00 → \$540\.00/);
    expect(drift.output).toContain(`${OWN}/prices.csv changed since the lock:\n      2026-01-07 (line 4): price 530 → 540\n`);
    expect(site.read('dist/issues/own-data/index.html')).toBe(before);
    site.edit(`${OWN}/prices.csv`, (t) => t.replace('2026-01-07,540', '2026-01-07,530'));

    // A file of the issue's folder that nothing reads is still checked, with its place.
    site.write(`${OWN}/unread.csv`, 'day,level\r\n2026-01-02,1\r\n2026-13-01,2\r\n');
    site.edit(`${OWN}/manifest.yaml`, (t) => `${t}unread.csv:\n  title: Unread\n  source: Test\n  url: https://example.com/u\n  licence: CC0-1.0\n  retrieved: 2026-02-01\n  illustrative: false\n  columns:\n    day: date\n    level: integer\n`);
    const bad = await buildSite(site);
    expect(bad.ok).toBe(false);
    expect(bad.output).toContain(`${OWN}/unread.csv:3:1`);
  }, 300_000);
});
