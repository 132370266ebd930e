import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, buildSite, figureText, makeSite } from '../helpers/site.ts';

/** The fenced code blocks of the README, by language, in order. */
function blocks(lang: string): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

describe('the README teaches a contract that works', () => {
  it('its example issue builds, with the numbers its data gives', async () => {
    const site = makeSite('basic');
    site.edit('data/manifest.yaml', (t) => `${t}\n${blocks('yaml')[0]!}`);
    fs.copyFileSync(path.join(ROOT, 'tests/fixtures/flagship/data/fed-funds.csv'), path.join(site.root, 'data', 'fed-funds.csv'));
    site.write('content/issues/rates-watch/figures.ts', blocks('ts')[0]!);
    site.write('content/issues/rates-watch/index.mdx', blocks('mdx')[0]!);
    site.write('content/issues/rates-watch/trend.vl.json', blocks('json')[0]!);
    const result = await buildSite(site);
    expect(result.ok, result.output).toBe(true);
    const html = result.html('/issues/rates-watch/');
    expect(figureText(html, 'cuts')).toEqual(['3']);
    expect(figureText(html, 'decided')).toEqual(['December 10, 2025']);
    expect(figureText(html, 'upper')).toEqual(['3.75%', '3.8%']);
    expect(html).toContain('The federal funds target range');
  });
});
