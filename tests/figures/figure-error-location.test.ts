import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/data/calendar-date.ts';
import { computeFigures } from '../../src/figures/compute-figures.ts';
import type { FiguresModule } from '../../src/figures/define-figures.ts';
import { manifestEntry, tempProject } from '../helpers/data-dir.ts';
import { rejected } from '../adversarial/errors.ts';

afterEach(() => {
  delete process.env.TALLY_ROOT;
});

const asOf = '2026-01-31' as CalendarDate;
const loc = { file: 'content/issues/a/figures.ts' };
const helpers = pathToFileURL(path.resolve('src/figures/helpers.ts')).href;

/** A figures module on disk, so that its frames and lines are those of a real figures.ts. */
async function moduleOf(figures: string[]): Promise<FiguresModule> {
  const root = tempProject({
    'data/manifest.yaml': manifestEntry('p.csv', { date: 'date', price: 'number' }),
    'data/p.csv': 'date,price\n2026-01-02,1\n2026-01-05,3\n',
    'content/issues/a/figures.ts': [`import { last, max } from '${helpers}';`, '', 'export default {', '  figures: (t) => ({', ...figures, '  }),', '};', ''].join('\n'),
  });
  return ((await import(pathToFileURL(path.join(root, 'content/issues/a/figures.ts')).href)) as { default: FiguresModule }).default;
}

describe('a figure that fails is named at its line of figures.ts', () => {
  it('a helper\'s error (a misspelt column) names the data file and the line of the helper call', async () => {
    const mod = await moduleOf([
      "    ok: { value: () => last(t.data('p.csv'), 'price'), format: 'number', description: 'x' },",
      "    typo: { value: () => last(t.data('p.csv'), 'prise'), format: 'number', description: 'x' },",
    ]);
    const e = await rejected(computeFigures(mod, asOf, loc));
    expect(e.message).toMatch(/^data\/p\.csv: No column "prise" in p\.csv\. Did you mean "price"\? \(while computing figure "typo" at content\/issues\/a\/figures\.ts:6:\d+\)$/);
  });

  it('a value that is a helper\'s record names the figure\'s line and the keys to pick from', async () => {
    const mod = await moduleOf([
      '    high: {',
      "      value: () => max(t.data('p.csv'), 'price'),",
      "      format: 'number',",
      "      description: 'x',",
      '    },',
    ]);
    const e = await rejected(computeFigures(mod, asOf, loc));
    expect(e.message).toBe('content/issues/a/figures.ts:5: Figure "high" has the number format but its value is an object with "value", "date" (return one of them, e.g. ….value), not a number.');
  });

  it('a value that is a list of rows says so, at the figure\'s line', async () => {
    const mod = await moduleOf(["    rows: { value: () => t.data('p.csv').rows(), format: 'number', description: 'x' },"]);
    const e = await rejected(computeFigures(mod, asOf, loc));
    expect(e.message).toMatch(/^content\/issues\/a\/figures\.ts:5: Figure "rows" has the number format but its value is an array of 2 rows \(t\.sql gives rows/);
  });

  it('a figure that reads no data is named at its line', async () => {
    const mod = await moduleOf(["    fixed: { value: () => 42, format: 'number', description: 'x' },"]);
    const e = await rejected(computeFigures(mod, asOf, loc));
    expect(e.message).toBe('content/issues/a/figures.ts:5: Figure "fixed" reads no data file, so its provenance is unknown.');
  });
});
