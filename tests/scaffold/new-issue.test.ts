import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, buildSite, figureText, makeSite } from '../helpers/site.ts';

const run = promisify(execFile);
const SCRIPT = path.join(ROOT, 'scripts', 'new-issue.ts');

describe('npm run new -- <slug>', () => {
  it('scaffolds an issue that builds as is, with its figures and chart', async () => {
    const site = makeSite('basic');
    const { stdout } = await run(process.execPath, [SCRIPT, 'fresh-look'], { cwd: site.root });
    expect(stdout).toContain('Created content/issues/fresh-look/');
    site.edit('content/issues/fresh-look/index.mdx', (t) => t.replace('draft: true', 'draft: false').replace(/date: .*/, 'date: 2026-01-08'));
    const result = await buildSite(site);
    expect(result.ok, result.output).toBe(true);
    const html = result.html('/issues/fresh-look/');
    expect(figureText(html, 'latest')).toEqual(['121.0']);
    expect(figureText(html, 'latestDate')).toEqual(['Jan 8, 2026']);
    expect(figureText(html, 'change')).toEqual(['+21.0%']);
    expect(html).toMatch(/<figure class="chart"[\s\S]*<svg/);
  });

  it("writes the site's default authors into the front matter", async () => {
    const frontMatter = (site: { read(f: string): string }, slug: string) => parse(/^---\n([\s\S]*?)\n---/.exec(site.read(`content/issues/${slug}/index.mdx`))![1]!) as { authors: unknown };
    const plain = makeSite('basic');
    await run(process.execPath, [SCRIPT, 'no-config'], { cwd: plain.root });
    expect(plain.read('content/issues/no-config/index.mdx')).toContain('\nauthors: [Tally desk]\n');
    const configured = makeSite('basic');
    configured.write('tally.config.json', JSON.stringify({ site: { authors: ['Anne Dupont', 'Smith, J.', 'yes'] } }));
    await run(process.execPath, [SCRIPT, 'with-config'], { cwd: configured.root });
    expect(frontMatter(configured, 'with-config').authors).toEqual(['Anne Dupont', 'Smith, J.', 'yes']);
  });

  it('refuses an invalid site section before writing anything', async () => {
    const site = makeSite('basic');
    site.write('tally.config.json', '{\n  "site": {\n    "autors": ["Anne"]\n  }\n}\n');
    await expect(run(process.execPath, [SCRIPT, 'fresh-look'], { cwd: site.root })).rejects.toMatchObject({ stderr: expect.stringContaining('tally.config.json:3: "site.autors" is not a setting of the site. Did you mean "authors"?') });
    expect(fs.existsSync(`${site.root}/content/issues/fresh-look`)).toBe(false);
  });

  it('refuses a bad or taken slug', async () => {
    const site = makeSite('basic');
    await expect(run(process.execPath, [SCRIPT, 'Bad Slug'], { cwd: site.root })).rejects.toMatchObject({ stderr: expect.stringContaining('give a slug of lowercase letters') });
    await expect(run(process.execPath, [SCRIPT, 'alpha'], { cwd: site.root })).rejects.toMatchObject({ stderr: expect.stringContaining('content/issues/alpha already exists') });
  });
});
