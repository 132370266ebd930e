import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { issuePageProblems, issuesOnDisk, renderedFigures, runAudit, type IssueOnDisk } from '../helpers/site-checks.ts';
import { ROOT, buildSite, makeOwnSite, type BuildResult, type Site } from '../helpers/site.ts';

const run = promisify(execFile);

/** A slug no issue of the site uses yet. */
function freshSlug(root: string): string {
  const taken = new Set(issuesOnDisk(root).map((i) => i.slug));
  let slug = 'gate-new-issue';
  for (let n = 2; taken.has(slug); n++) slug = `gate-new-issue-${n}`;
  return slug;
}

/**
 * What an author does first: `npm run new -- <slug>` in a copy of this repository's site (with
 * whatever issues and data it holds), publish the scaffold, build. The generic checks of
 * own-site.test.ts hold for it and for every other issue.
 */
describe("an issue added with npm run new to the repository's own site", () => {
  let site: Site;
  let slug: string;
  let issue: IssueOnDisk;
  let result: BuildResult;
  beforeAll(async () => {
    site = makeOwnSite();
    slug = freshSlug(site.root);
    // What `npm run new -- <slug>` runs, in the site's folder.
    const { stdout } = await run(process.execPath, [path.join(ROOT, 'scripts', 'new-issue.ts'), slug], { cwd: site.root });
    expect(stdout).toContain(`Created content/issues/${slug}/`);
    site.edit(`content/issues/${slug}/index.mdx`, (t) => t.replace('draft: true', 'draft: false'));
    issue = issuesOnDisk(site.root).find((i) => i.slug === slug)!;
    result = await buildSite(site);
  });

  it('builds, the new issue published with its page', () => {
    expect(result.ok, result.output).toBe(true);
    expect(issue.draft).toBe(false);
    expect(fs.existsSync(path.join(site.root, 'dist', 'issues', slug, 'index.html'))).toBe(true);
    expect(result.html('/archive/')).toContain(`href="/issues/${slug}/"`);
  });

  it('renders the new issue\'s figures with values and its chart as an SVG', () => {
    expect(issue.figs.length).toBeGreaterThan(0);
    expect(issue.charts).toBeGreaterThan(0);
    const dist = path.join(site.root, 'dist');
    expect(issuePageProblems(dist, issue)).toEqual([]);
    expect(renderedFigures(result.html(`/issues/${slug}/`)).map((f) => f.name)).toEqual(issue.figs);
  });

  it('keeps every other published issue whole', () => {
    const dist = path.join(site.root, 'dist');
    const others = issuesOnDisk(site.root).filter((i) => !i.draft && i.slug !== slug);
    expect(others.flatMap((i) => issuePageProblems(dist, i))).toEqual([]);
  });

  it('enters the lock with its first build, and npm run audit runs over it', async () => {
    const lock = JSON.parse(site.read('tally.lock.json')) as { issues: Record<string, unknown> };
    expect(Object.keys(lock.issues)).toContain(slug);
    const r = await runAudit(site.root, slug);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('in 1 issue.');
  });
});
