import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { leanIssueHtml } from '../../src/renditions/lean-page.ts';
import { buildSite, makeSite, type BuildResult, type Site } from '../helpers/site.ts';

/** sha256 of every file the build-end steps write, by path in the output folder. */
type Outputs = Record<string, string>;

function outputsOf(site: Site): Outputs {
  const dist = path.join(site.root, 'dist');
  const out: Outputs = {};
  for (const top of ['email', 'og', 'pagefind']) {
    for (const f of fs.readdirSync(path.join(dist, top), { recursive: true }) as string[]) {
      const abs = path.join(dist, top, f);
      if (fs.statSync(abs).isFile()) out[`${top}/${f.split(path.sep).join('/')}`] = createHash('sha256').update(fs.readFileSync(abs)).digest('hex');
    }
  }
  return out;
}

/** Only the files of one issue's email and card. */
const ofIssue = (o: Outputs, slug: string) => Object.fromEntries(Object.entries(o).filter(([f]) => f.startsWith(`email/${slug}.`) || f === `og/${slug}.png`));

/** The text Pagefind indexed for a page, read back from its fragment (gzip of "pagefind_dcd" + JSON). */
function indexedText(site: Site, url: string): string {
  const dir = path.join(site.root, 'dist', 'pagefind', 'fragment');
  for (const f of fs.readdirSync(dir)) {
    const json = JSON.parse(gunzipSync(fs.readFileSync(path.join(dir, f))).subarray('pagefind_dcd'.length).toString('utf8')) as { url: string; content: string };
    if (json.url === url) return json.content;
  }
  throw new Error(`no fragment for ${url}`);
}

/** The entry folder of .tally-cache/<cache>/ stored last that holds the given output file. */
function entryHolding(site: Site, cache: string, file: string): string {
  const dir = path.join(site.root, '.tally-cache', cache);
  const found = fs
    .readdirSync(dir)
    .filter((k) => fs.existsSync(path.join(dir, k, 'files', file)))
    .map((k) => path.join(dir, k))
    .sort((a, b) => fs.statSync(path.join(b, 'entry.json')).mtimeMs - fs.statSync(path.join(a, 'entry.json')).mtimeMs);
  expect(found.length, `${cache} entries holding ${file}`).toBeGreaterThan(0);
  return found[0]!;
}

/** The three steps' summary lines, sorted: search runs beside email and cards, so its line may come first or last. */
const lines = (r: BuildResult) =>
  r.output
    .split('\n')
    .filter((l) => /\[tally\] (Search|Email|Social cards):/.test(l))
    .map((l) => l.replace(/^.*\[tally\] /, '').replace(/ in [\d.]+ s /, ' in N s '))
    .sort();
const HEADLINE_WARNING = 'issues/beta/index.html: the headline figure "threshold" does not appear in the issue\'s prose';

/**
 * One site built five times: cold, again unchanged, with one issue's prose changed, with cache
 * entries damaged, and with the code of each step changed. The issue beta names a headline
 * figure its prose does not show, so its card warns.
 */
describe('email, social cards and search reuse the output of unchanged pages', () => {
  let site: Site;
  const builds: BuildResult[] = [];
  const outputs: Outputs[] = [];
  const build = async () => {
    const r = await buildSite(site);
    expect(r.ok, r.output).toBe(true);
    builds.push(r);
    outputs.push(outputsOf(site));
    return r;
  };

  beforeAll(async () => {
    site = makeSite('site-pages');
    site.edit('content/issues/beta/index.mdx', (t) => t.replace('The threshold stands at <Fig name="threshold" />.', 'The threshold stands where it stood.'));
    await build();
    await build();
    site.edit('content/issues/alpha/index.mdx', (t) => t.replace('Shown another way:', 'Put another way:'));
    await build();
    fs.writeFileSync(path.join(entryHolding(site, 'email', 'email/beta.html'), 'files', 'email', 'beta.txt'), 'damaged');
    fs.rmSync(path.join(entryHolding(site, 'og', 'og/beta.png'), 'files', 'og', 'beta.png'));
    fs.writeFileSync(path.join(entryHolding(site, 'search', 'pagefind-entry.json'), 'entry.json'), '{');
    await build();
    for (const f of ['src/renditions/email/email-text.ts', 'src/renditions/og/wrap-text.ts', 'src/renditions/search/pagefind-index.ts']) site.edit(f, (t) => `${t}\n// a change to the code\n`);
    await build();
  }, 600_000);

  it('renders everything on the first build', () => {
    expect(lines(builds[0]!)).toEqual([
      'Email: wrote 2 issues (0 reused, 2 rendered) and 1 chart PNG into email/.',
      'Search: indexed 1 of 1 shard (2 of 2 issue pages) in N s into pagefind/.',
      'Social cards: wrote 2 Open Graph images (0 reused, 2 drawn) into og/.',
    ]);
    expect(builds[0]!.output).toContain(HEADLINE_WARNING);
  });

  it('reuses every entry when nothing changed, with byte-identical output and the card warning shown again', () => {
    expect(lines(builds[1]!)).toEqual([
      'Email: wrote 2 issues (2 reused, 0 rendered) and 1 chart PNG into email/.',
      'Search: reused the index of 2 issue pages (none changed, 1 shard) in pagefind/.',
      'Social cards: wrote 2 Open Graph images (2 reused, 0 drawn) into og/.',
    ]);
    expect(outputs[1]).toEqual(outputs[0]);
    expect(builds[1]!.output).toContain(HEADLINE_WARNING);
  });

  it('renders again exactly the issue whose page changed, and indexes search again', () => {
    expect(lines(builds[2]!)).toEqual([
      'Email: wrote 2 issues (1 reused, 1 rendered) and 1 chart PNG into email/.',
      'Search: indexed 1 of 1 shard (2 of 2 issue pages) in N s into pagefind/.',
      'Social cards: wrote 2 Open Graph images (1 reused, 1 drawn) into og/.',
    ]);
    expect(ofIssue(outputs[2]!, 'beta')).toEqual(ofIssue(outputs[1]!, 'beta'));
    expect(outputs[2]!['email/alpha.html']).not.toBe(outputs[1]!['email/alpha.html']);
    expect(site.read('dist/email/alpha.txt')).toContain('Put another way:');
    expect(indexedText(site, '/issues/alpha/')).toContain('Put another way:');
  });

  it('renders a damaged entry again, to the same bytes', () => {
    expect(lines(builds[3]!)).toEqual([
      'Email: wrote 2 issues (1 reused, 1 rendered) and 1 chart PNG into email/.',
      'Search: indexed 1 of 1 shard (2 of 2 issue pages) in N s into pagefind/.',
      'Social cards: wrote 2 Open Graph images (1 reused, 1 drawn) into og/.',
    ]);
    expect(outputs[3]).toEqual(outputs[2]);
  });

  it('renders everything again when the code of a step changed', () => {
    expect(lines(builds[4]!)).toEqual([
      'Email: wrote 2 issues (0 reused, 2 rendered) and 1 chart PNG into email/.',
      'Search: indexed 1 of 1 shard (2 of 2 issue pages) in N s into pagefind/.',
      'Social cards: wrote 2 Open Graph images (0 reused, 2 drawn) into og/.',
    ]);
    expect(outputs[4]).toEqual(outputs[3]);
    expect(builds[4]!.output).toContain(HEADLINE_WARNING);
  });

  it('indexes the prose of an issue, not its chart data table', () => {
    const page = site.read('dist/issues/alpha/index.html');
    // The markup leanIssueHtml removes is still the markup the pages have.
    expect(page).toMatch(/<details class="chart-data"/);
    expect(page).toMatch(/<svg\b[^>]*class="chart-svg chart-svg--narrow"/);
    const lean = leanIssueHtml(page, 'none');
    expect(lean).not.toMatch(/chart-data|<svg\b[^>]*class="chart-svg/);
    const indexed = indexedText(site, '/issues/alpha/');
    expect(indexed).toContain('The price is');
    expect(indexed).not.toContain('Data behind this chart');
    expect(indexedText(site, '/issues/beta/')).toContain('The threshold stands where it stood.');
  });
});
