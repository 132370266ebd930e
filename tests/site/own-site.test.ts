import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { issuePageProblems, issuesOnDisk, runAudit, type IssueOnDisk } from '../helpers/site-checks.ts';
import { buildSite, makeOwnSite, type BuildResult, type Site } from '../helpers/site.ts';

/**
 * The site this repository publishes, whatever its content/ and data/ hold today: no issue is
 * named or counted here, so an author can add issues or delete the samples and keep this file
 * as the site's gate (Tally's own behaviour is tested on fixtures).
 */
describe("the repository's own site", () => {
  let site: Site;
  let issues: IssueOnDisk[];
  let result: BuildResult;
  let dist: string;
  beforeAll(async () => {
    site = makeOwnSite();
    issues = issuesOnDisk(site.root);
    result = await buildSite(site);
    dist = path.join(site.root, 'dist');
  });
  const published = () => issues.filter((i) => !i.draft);

  it('builds, with a home page, an archive, a feed and a 404 page', () => {
    expect(result.ok, result.output).toBe(true);
    expect(result.html('/')).toMatch(/<html[\s>][\s\S]*<\/html>/);
    expect(result.html('/archive/')).toMatch(/<h1>Archive<\/h1>/);
    expect(fs.readFileSync(path.join(dist, 'rss.xml'), 'utf8')).toMatch(/<rss[\s\S]*<\/rss>/);
    expect(fs.existsSync(path.join(dist, '404.html'))).toBe(true);
  });

  it('has a page for every published issue, listed in the archive, and none for a draft', () => {
    const archive = result.html('/archive/');
    const missing = published().filter((i) => !fs.existsSync(path.join(dist, 'issues', i.slug, 'index.html')) || !archive.includes(`href="/issues/${i.slug}/"`));
    const draftsOut = issues.filter((i) => i.draft && fs.existsSync(path.join(dist, 'issues', i.slug)));
    expect(missing.map((i) => i.file)).toEqual([]);
    expect(draftsOut.map((i) => i.file)).toEqual([]);
    const built = fs.existsSync(path.join(dist, 'issues')) ? fs.readdirSync(path.join(dist, 'issues')).sort() : [];
    expect(built).toEqual(published().map((i) => i.slug));
  });

  it('renders every <Fig> of every published issue as a data-figure element with a value, and every <Chart> as an SVG', () => {
    expect(published().flatMap((i) => issuePageProblems(dist, i))).toEqual([]);
  });

  it('runs npm run audit over every issue, drafts included', async () => {
    const r = await runAudit(site.root);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(new RegExp(`in ${issues.length} issues?\\.\\n?$`));
  });
});
