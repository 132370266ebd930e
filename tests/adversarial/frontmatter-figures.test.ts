import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CalendarDate } from '../../src/data/calendar-date.ts';
import { computeFigures } from '../../src/figures/compute-figures.ts';
import { defineFigures, type FiguresModule } from '../../src/figures/define-figures.ts';
import { last, share } from '../../src/figures/helpers.ts';
import { issueSchema } from '../../src/issues/frontmatter.ts';
import { manifestEntry, tempProject } from '../helpers/data-dir.ts';
import { caught, rejected } from './errors.ts';

afterEach(() => {
  delete process.env.TALLY_ROOT;
});

const HEAD = 'title: T\nsummary: S\nauthors: [A]\n';
/** Front matter as a YAML 1.1 reader would hand it over (Astro's js-yaml behaves alike for dates). */
const yaml11 = (text: string) => parse(HEAD + text, { version: '1.1' }) as unknown;
const yaml12 = (text: string) => parse(HEAD + text) as unknown;
const problem = (r: ReturnType<typeof issueSchema.safeParse>) => (r.success ? 'ok' : `${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`);

describe('front matter traps', () => {
  it('an unquoted date (a YAML Date at UTC midnight) is the day written', () => {
    const r = issueSchema.safeParse(yaml11('date: 2026-01-21\n'));
    expect(r.success && r.data.date).toBe('2026-01-21');
    expect(r.success && r.data.asOf).toBe('2026-01-21');
  });

  it('a timestamp with a time is refused, not shifted to the UTC day', () => {
    expect(problem(issueSchema.safeParse(yaml11('date: 2026-01-21T23:30:00-05:00\n')))).toBe('date: must be a calendar date written YYYY-MM-DD, e.g. 2026-01-21');
    expect(problem(issueSchema.safeParse(yaml12('date: 2026-01-21T23:30:00-05:00\n')))).toBe('date: must be a calendar date written YYYY-MM-DD, e.g. 2026-01-21');
  });

  it('YAML 1.1 "no" for draft is refused under 1.2 rather than read as false', () => {
    expect(problem(issueSchema.safeParse(yaml12('date: 2026-01-21\ndraft: no\n')))).toMatch(/^draft: /);
  });

  it('tags [on, off] are words under 1.2 and refused as booleans under 1.1', () => {
    const r = issueSchema.safeParse(yaml12('date: 2026-01-21\ntags: [on, off]\n'));
    expect(r.success && r.data.tags).toEqual(['on', 'off']);
    expect(problem(issueSchema.safeParse(yaml11('date: 2026-01-21\ntags: [on, off]\n')))).toMatch(/^tags\.0: /);
  });

  it('a title that YAML reads as a number or a date is refused (quote it)', () => {
    expect(problem(issueSchema.safeParse({ ...(yaml12('date: 2026-01-21\n') as object), title: parse('t: 010').t }))).toMatch(/^title: /);
    expect(problem(issueSchema.safeParse({ ...(yaml11('date: 2026-01-21\n') as object), title: parse('t: 2026-01-02', { version: '1.1' }).t }))).toMatch(/^title: /);
  });

  it('an impossible date, asOf after date, an unknown field and an empty front matter are refused', () => {
    expect(problem(issueSchema.safeParse(yaml12('date: 2026-02-30\n')))).toMatch(/^date: must be a calendar date/);
    expect(problem(issueSchema.safeParse(yaml12('date: 2026-01-21\nasOf: 2026-01-22\n')))).toBe('asOf: asOf must be on or before date');
    expect(problem(issueSchema.safeParse(yaml12('date: 2026-01-21\nslug: other\n')))).toMatch(/slug/);
    expect(issueSchema.safeParse({}).success).toBe(false);
  });
});

describe('figures over bad data', () => {
  const asOf = '2026-01-31' as CalendarDate;
  const loc = { file: 'content/issues/a/figures.ts' };
  const project = (csv: string) => tempProject({ 'data/manifest.yaml': manifestEntry('p.csv', { date: 'date', price: 'number' }), 'data/p.csv': csv });

  it('a missing column a figure reads names the figure, the file and the closest column', async () => {
    project('date,price\n2026-01-02,1\n');
    const mod = defineFigures((t) => ({ x: { value: () => last(t.data('p.csv'), 'prise'), format: 'number', description: 'x' } }));
    const e = await rejected(computeFigures(mod, asOf, loc));
    expect(e.message).toBe('data/p.csv: No column "prise" in p.csv. Did you mean "price"? (while computing figure "x" in content/issues/a/figures.ts)');
  });

  it('an empty cell read by a figure is a missing value at its line, never zero', async () => {
    project('date,price\n2026-01-02,1\n2026-01-05,\n');
    const mod = defineFigures((t) => ({ x: { value: () => last(t.data('p.csv'), 'price'), format: 'number', description: 'x' } }));
    const e = await rejected(computeFigures(mod, asOf, loc));
    expect(e.message).toBe('data/p.csv:3: Column "price" is declared number, but the cell is empty (a missing value, never read as zero). (while computing figure "x" in content/issues/a/figures.ts)');
    expect(e.hint).toMatch(/Fill the cell/);
  });

  it('an empty date in a time series fails at its line and column', async () => {
    project('date,price\n2026-01-02,1\n,2\n');
    const mod = defineFigures((t) => ({ x: { value: () => last(t.data('p.csv'), 'price'), format: 'number', description: 'x' } }));
    const e = await rejected(computeFigures(mod, asOf, loc));
    expect(e.loc).toEqual({ file: 'data/p.csv', line: 3, column: 1 });
    expect(e.hint).toMatch(/Every row of a time series needs its date/);
  });

  it('a figure that computes NaN or Infinity never reaches a page', async () => {
    project('date,price\n2026-01-02,0\n');
    const mod = defineFigures((t) => ({ x: { value: () => 1 / last(t.data('p.csv'), 'price'), format: 'number', description: 'x' } }));
    expect((await rejected(computeFigures(mod, asOf, loc))).message).toBe('content/issues/a/figures.ts: Figure "x" is Infinity, not a finite number.');
  });

  it('a share over rows that all fall after asOf fails instead of dividing by zero', async () => {
    project('date,price\n2026-02-02,1\n');
    const mod = defineFigures((t) => ({ x: { value: () => share(t.data('p.csv'), () => true), format: 'percent', description: 'x' } }));
    expect((await rejected(computeFigures(mod, asOf, loc))).message).toBe('data/p.csv: Figure "share over p.csv" has no rows to count. (while computing figure "x" in content/issues/a/figures.ts)');
  });

  it('a figure that throws names the figure, the line of figures.ts that threw and the exception, with a hint on the rows it reads', async () => {
    const root = tempProject({
      'data/manifest.yaml': manifestEntry('p.csv', { date: 'date', price: 'number' }),
      'data/p.csv': 'date,price\n2026-01-02,1\n',
      'content/issues/a/figures.ts': [
        'export default {',
        '  figures: (t) => ({',
        "    first: { value: () => t.data('p.csv').rows()[0].price, format: 'number', description: 'x' },",
        '    missing: {',
        '      value: () => {',
        "        const rows = t.data('p.csv').rows();",
        "        return rows.find((r) => r.date === '2026-01-09').price;",
        '      },',
        "      format: 'number',",
        "      description: 'x',",
        '    },',
        '  }),',
        '};',
        '',
      ].join('\n'),
    });
    const mod = (await import(pathToFileURL(path.join(root, 'content/issues/a/figures.ts')).href)) as { default: FiguresModule };
    const e = await rejected(computeFigures(mod.default, asOf, loc));
    expect(e.code).toBe('FigureThrew');
    expect(e.message).toBe(`content/issues/a/figures.ts:7:${e.where?.column}: Computing figure "missing" threw: Cannot read properties of undefined (reading 'price').`);
    expect(e.where).toMatchObject({ file: 'content/issues/a/figures.ts', line: 7 });
    expect(e.hint).toBe(
      'Check the rows figure "missing" reads at the issue\'s asOf: a lookup that finds no row gives undefined (rows.find(…)!.price fails on it), and a column may be missing or empty. Helpers such as lookup(), last() and valueAt() fail with the file and row instead; `npm run figures` lists each figure\'s sources.',
    );
    expect(e.hint).not.toContain('defineFigures');
  });

  it('a figure that throws in a bundled module (no frame in figures.ts) is named at the line that defines it', async () => {
    tempProject({
      'data/manifest.yaml': manifestEntry('p.csv', { date: 'date', price: 'number' }),
      'data/p.csv': 'date,price\n2026-01-02,1\n',
      'content/issues/a/figures.ts': "// bundled elsewhere\nexport default defineFigures((t) => ({\n  'x': { value: () => … },\n}));\n",
    });
    const mod = defineFigures(() => ({ x: { value: () => (undefined as unknown as { price: number }).price, format: 'number', description: 'x' } }));
    const e = await rejected(computeFigures(mod, asOf, loc));
    expect(e.message).toBe('content/issues/a/figures.ts:3: Computing figure "x" threw: Cannot read properties of undefined (reading \'price\').');
  });

  it('a format with an option Intl would reject fails at parse time, naming the format', async () => {
    project('date,price\n2026-01-02,1\n');
    for (const [format, reason] of [
      ['currency:us', '"us" is not an ISO currency code such as USD, EUR or JPY'],
      ['date:iso', '"iso" is not a date style (short, long or month)'],
      ['percent:abc', 'the percent format takes no option "abc"'],
    ]) {
      const mod = defineFigures((t) => ({ x: { value: () => last(t.data('p.csv'), 'price'), format: format!, description: 'x' } }));
      expect((await rejected(computeFigures(mod, asOf, loc))).message).toContain(`The format "${format}" is not valid: ${reason}.`);
    }
  });
});
