import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../../src/data/calendar-date.ts';
import { closeSql } from '../../../src/data/sql/instance.ts';
import { computeFigures } from '../../../src/figures/compute-figures.ts';
import type { FiguresModule } from '../../../src/figures/define-figures.ts';
import { rejected } from '../../adversarial/errors.ts';
import { ROOT } from '../../helpers/site.ts';
import { sqlProject } from './helpers.ts';

const API = pathToFileURL(path.join(ROOT, 'src', 'api.ts')).href;
const FILE = 'content/issues/a/figures.ts';

afterEach(() => {
  delete process.env.TALLY_ROOT;
});
afterAll(() => closeSql());

/** Writes content/issues/a/figures.ts into the project and imports it, as the lock's snapshot does. */
async function figuresModule(root: string, body: string): Promise<FiguresModule> {
  const abs = path.join(root, FILE);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, `import { defineFigures } from '${API}';\n\n${body}`);
  return ((await import(pathToFileURL(abs).href)) as { default: FiguresModule }).default;
}

describe('figures computed with t.sql', () => {
  it('take their value from the query, their sources from its parse, and count the file as loaded', async () => {
    const root = sqlProject();
    const mod = await figuresModule(
      root,
      `export default defineFigures({
  figures: (t) => ({
    peak: {
      value: async () => (await t.sql\`select max(close) as peak from \${t.table('prices.csv')} where symbol = \${'AAA'}\`)[0]!.peak as number,
      format: 'number:1',
      description: 'Highest close of AAA',
    },
  }),
  datasets: (t) => ({
    peaks: () => t.sql\`select symbol, max(close) as peak from \${t.table('prices.csv', { latest: true })} group by symbol order by symbol\`,
  }),
});
`,
    );
    const computed = await computeFigures(mod, '2026-01-31' as CalendarDate, { file: FILE });
    const peak = computed.figures.get('peak')!;
    expect(peak.rendered).toBe('11.0');
    expect(peak.sources).toEqual([{ file: 'prices.csv', columns: ['close', 'symbol'], latest: false }]);
    expect(computed.datasets.get('peaks')).toEqual({
      name: 'peaks',
      rows: [{ symbol: 'AAA', peak: 99 }, { symbol: 'BBB', peak: 20 }],
      sources: [{ file: 'prices.csv', columns: ['close', 'symbol'], latest: true }],
    });
    expect([...computed.loaded.keys()]).toEqual(['prices.csv']);
  });

  it('fail at the line and column of the t.sql call in figures.ts', async () => {
    const root = sqlProject();
    const mod = await figuresModule(
      root,
      `export default defineFigures((t) => ({
  peak: {
    value: async () => {
      const rows = await t.sql\`select max(clos) as peak from \${t.table('prices.csv')}\`;
      return rows[0]!.peak as number;
    },
    format: 'number',
    description: 'Highest close',
  },
}));
`,
    );
    const e = await rejected(computeFigures(mod, '2026-01-31' as CalendarDate, { file: FILE }));
    expect(e.code).toBe('SqlError');
    expect(e.message).toMatch(/^content\/issues\/a\/figures\.ts:6:\d+: t\.sql failed: Binder Error: Referenced column "clos" not found in FROM clause\. Did you mean "close"\? \(while computing figure "peak" in content\/issues\/a\/figures\.ts\)$/);
  });

  it('without a t.table in the query reads no data, and fails as any figure without a source', async () => {
    const root = sqlProject();
    const mod = await figuresModule(root, `export default defineFigures((t) => ({ one: { value: async () => (await t.sql\`select 1 as one\`)[0]!.one as number, format: 'number', description: 'One' } }));\n`);
    const e = await rejected(computeFigures(mod, '2026-01-31' as CalendarDate, { file: FILE }));
    expect(e.code).toBe('FigureWithoutSource');
  });
});
