import { readInteractiveFile, type InteractiveFile } from '../../../src/charts/interactive-file.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildSite, figureText, makeSite, ROOT } from '../../helpers/site.ts';

const run = promisify(execFile);

describe('a site whose figures and chart data come from t.sql', () => {
  it('shows the SQL-computed numbers with their sources, locks them from plain Node, and lists them in npm run figures', async () => {
    const site = makeSite('sql-figures', { on: 'basic' });
    const built = await buildSite(site);
    expect(built.ok, built.output).toBe(true);

    const html = built.html('/issues/sql-peaks/');
    // Rows after the asOf (2026-01-09: 900 units, 9000) are cut, as t.data cuts them.
    expect(figureText(html, 'northUnits')).toEqual(['14']);
    expect(figureText(html, 'bestDay')).toEqual(['Jan 5, 2026']);
    expect(html).toContain('(data/trades.csv: market, units)');
    expect(html).toContain('(data/trades.csv: amount, day)');
    const sources = html.slice(html.indexOf('id="sources-and-method"')).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(sources).toContain('File data/trades.csv');
    expect(sources).toContain('Read by 2 figures and the chart “Trade amount by market”');
    expect(readInteractiveFile(JSON.parse(site.read('dist/charts/sql-peaks/markets.json')) as InteractiveFile).data).toEqual([[{ market: 'north', amount: 159.75 }, { market: 'south', amount: 59 }]]);

    // The lock is computed in a child Node process, outside Vite: the same values.
    const lock = JSON.parse(site.read('tally.lock.json')) as { issues: Record<string, { figures: Record<string, { value: unknown; sources: unknown }> }> };
    expect(lock.issues['sql-peaks']!.figures.northUnits).toEqual({ rendered: '14', value: 14, sources: [{ file: 'trades.csv', columns: ['market', 'units'] }] });

    const listed = await run(process.execPath, [`${ROOT}/scripts/figures.ts`], { cwd: site.root });
    expect(listed.stdout).toMatch(/sql-peaks\s+northUnits\s+14\s+2026-01-08\s+locked\s+trades\.csv: market, units/);
    expect(listed.stdout).toMatch(/sql-peaks\s+chart markets\.vl\.json\s+\(data [0-9a-f]+\)\s+2026-01-08\s+locked\s+trades\.csv/);

    // A misspelt column fails the build at the t.sql line of figures.ts, with the closest column.
    site.edit('content/issues/sql-peaks/figures.ts', (t) => t.replace('select sum(units) as total', 'select sum(unit) as total'));
    const broken = await buildSite(site);
    expect(broken.ok).toBe(false);
    expect(broken.output).toContain('content/issues/sql-peaks/figures.ts:9:35: t.sql failed: Binder Error: Referenced column "unit" not found in FROM clause. Did you mean "units"?');
  }, 240_000);
});
