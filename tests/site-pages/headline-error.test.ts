import { describe, expect, it } from 'vitest';
import { buildSite, makeSite } from '../helpers/site.ts';

describe('an unknown headline figure', () => {
  it('fails the build with the file, the front-matter line and the closest names', async () => {
    const site = makeSite('site-pages');
    site.edit('content/issues/alpha/index.mdx', (t) => t.replace('headline: lastPrice', 'headline: lastPrise'));
    const result = await buildSite(site);
    expect(result.ok).toBe(false);
    expect(result.output).toContain('content/issues/alpha/index.mdx:7:11: headline: "lastPrise" names no figure of issue "alpha". Did you mean "lastPrice"?');
    expect(result.output).toMatch(/name one defined in content\/issues\/alpha\/figures\.ts \(lastPrice, change, run/);
  });
});
