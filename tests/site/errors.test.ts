import { describe, expect, it } from 'vitest';
import { buildSite, makeSite, type Site } from '../helpers/site.ts';

/** Builds the basic fixture with one change and returns the failed build's output. */
async function failingBuild(change: (site: Site) => void): Promise<string> {
  const site = makeSite('basic');
  change(site);
  const result = await buildSite(site);
  expect(result.ok, result.output).toBe(false);
  return result.output;
}

const MDX = 'content/issues/alpha/index.mdx';
const SPEC = 'content/issues/alpha/price.vl.json';
/** A place printed with an unknown line or column as 0 ("figures.ts:0:0", "price.vl.json:6:0"). */
const NO_PLACE = /\.(?:ts|mdx|json|csv|ya?ml):(?:\d+:)?0\b/;

describe('bad input fails the build with the file, the place and a fix', () => {
  it('a misspelt figure name: the MDX file, line and column, and the closest names', async () => {
    const out = await failingBuild((s) => s.edit(MDX, (t) => t.replace('<Fig name="lastPrice" />', '<Fig name="lastPrise" />')));
    expect(out).toContain('content/issues/alpha/index.mdx:10:14: <Fig name="lastPrise"> names no figure of issue "alpha". Did you mean "lastPrice"?');
    expect(out).toMatch(/Use one of the figures defined in content\/issues\/alpha\/figures.ts: lastPrice, change/);
  });

  it('an unknown chart spec: the MDX file and line, and the specs that exist', async () => {
    const out = await failingBuild((s) => s.edit(MDX, (t) => t.replace('./price.vl.json', './prices.vl.json')));
    expect(out).toContain('content/issues/alpha/index.mdx:14:1: No chart spec "./prices.vl.json". Did you mean "./price.vl.json"');
  });

  it('a data URL outside data/: the spec file and line', async () => {
    for (const url of ['../secret.csv', 'https://example.com/prices.csv']) {
      const out = await failingBuild((s) => {
        s.write('secret.csv', 'date,price\n2026-01-01,1\n');
        s.edit(SPEC, (t) => t.replace('"prices.csv"', JSON.stringify(url)));
      });
      expect(out).toContain(`content/issues/alpha/price.vl.json:5: The data URL "${url}" does not resolve inside data/ or the issue's own data/ folder.`);
    }
  });

  it('an invalid spec: the spec file, line and what Vega-Lite\'s schema says', async () => {
    const out = await failingBuild((s) => s.edit(SPEC, (t) => t.replace('"mark": "line"', '"mark": "lines"')));
    expect(out).toMatch(/content\/issues\/alpha\/price\.vl\.json:6: The file is not a valid Vega-Lite spec: \/mark must be one of .*"line"/);
    expect(out).not.toMatch(NO_PLACE);
    const out2 = await failingBuild((s) => s.edit(SPEC, (t) => t.replace('"type": "temporal"', '"type": "temporal", "colour": "red"')));
    expect(out2).toContain('is not a valid Vega-Lite spec: unknown property "colour" at /encoding/x');
  });

  it('a figure that is not a finite number: the figures module, the line that defines the figure, and the figure', async () => {
    const out = await failingBuild((s) => s.edit('content/issues/alpha/figures.ts', (t) => t.replace("value: () => last(prices(), 'price')", "value: () => last(prices(), 'price') / 0 * 0")));
    expect(out).toContain('content/issues/alpha/figures.ts:8: Figure "lastPrice" is NaN, not a finite number.');
    expect(out).not.toMatch(NO_PLACE);
  });

  it('a spec without a title: the spec named once, and no line or column where none is known', async () => {
    const out = await failingBuild((s) => s.edit(SPEC, (t) => t.replace(/"title": "[^"]*",/, '')));
    expect(out).toContain('[TallyInvalidSpec] content/issues/alpha/price.vl.json: The spec has no "title": every chart needs one, as its caption and accessible name.');
    expect(out).not.toMatch(NO_PLACE);
  });

  it('a figure that throws: the figure, its line in figures.ts, the exception and a hint on the rows it reads', async () => {
    const out = await failingBuild((s) => s.edit('content/issues/alpha/figures.ts', (t) => t.replace("value: () => last(prices(), 'price')", "value: () => prices().rows().find((r) => r.label === 'Zeta')!.price as number")));
    // Node runs figures.ts as written (types stripped in place), so the stack names the very column.
    expect(out).toContain('[TallyFigureThrew] content/issues/alpha/figures.ts:8:81: Computing figure "lastPrice" threw: Cannot read properties of undefined (reading \'price\').');
    expect(out).toContain('Check the rows figure "lastPrice" reads at the issue\'s asOf: a lookup that finds no row gives undefined');
    expect(out).not.toContain('export default defineFigures');
    expect(out).not.toMatch(NO_PLACE);
  });

  it('an invalid front matter field: the file and the field', async () => {
    const out = await failingBuild((s) => s.edit(MDX, (t) => t.replace('date: 2026-01-10', 'date: 2026-13-10')));
    expect(out).toContain('content/issues/alpha/index.mdx:3: The front matter of content/issues/alpha/index.mdx: field "date" must be a calendar date written YYYY-MM-DD, e.g. 2026-01-21 (it reads "2026-13-10").');
    const out2 = await failingBuild((s) => s.edit(MDX, (t) => t.replace('tags: [test]', 'tags: [test]\ndraft: no')));
    // Astro's own schema check runs first here: it names the entry and the field.
    expect(out2).toMatch(/issues → alpha data does not match collection schema[\s\S]*draft[\s\S]*boolean/);
  });

  it('a data file without provenance', async () => {
    const out = await failingBuild((s) => s.write('data/extra.csv', 'a\n1\n'));
    expect(out).toContain('data/extra.csv has no entry in data/manifest.yaml');
  });
});
