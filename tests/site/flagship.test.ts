import fs from 'node:fs';
import path from 'node:path';
import { csvParse } from 'd3-dsv';
import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT, buildSite, figureText, makeFlagshipSite, type BuildResult } from '../helpers/site.ts';

const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'flagship');

const run = promisify(execFile);

/** Reads a fixture data file with d3-dsv directly: an independent check of what the page says. */
function csv(file: string): Record<string, string>[] {
  return csvParse(fs.readFileSync(path.join(FIXTURE, 'data', file), 'utf8'));
}
const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;

describe('the flagship issue, "The Great Rotation"', () => {
  let result: BuildResult;
  let html: string;
  beforeAll(async () => {
    result = await buildSite(makeFlagshipSite());
    html = result.ok ? result.html('/issues/fixture-rotation/') : '';
  });

  it('builds', () => {
    expect(result.ok, result.output).toBe(true);
  });

  it('states the streak and the moves its index data gives', () => {
    const rows = csv('indices.csv').filter((r) => r.date! <= '2026-01-21');
    let streak = 0;
    for (let i = rows.length - 1; i > 0; i--) {
      const ret = (col: string) => Number(rows[i]![col]) / Number(rows[i - 1]![col]);
      if (ret('russell2000') > ret('sp500')) streak++;
      else break;
    }
    const at = (date: string, col: string) => Number(rows.find((r) => r.date === date)![col]);
    const end = rows.at(-1)!;
    const ytd = (col: string) => Number(end[col]) / at('2025-12-31', col) - 1;
    expect(streak).toBe(13);
    expect(figureText(html, 'streak')).toEqual(['13']);
    expect(figureText(html, 'smallYtd')).toEqual([pct(ytd('russell2000'))]);
    expect(figureText(html, 'largeYtd')).toEqual([pct(ytd('sp500')), pct(ytd('sp500'))]);
    expect(figureText(html, 'equalYtd')).toEqual([pct(ytd('sp500_equal_weight'))]);
    expect(figureText(html, 'nasdaqYtd')).toEqual([pct(ytd('nasdaq100'))]);
    expect(figureText(html, 'smallSinceLow')).toEqual([pct(Number(end.russell2000) / at('2025-11-20', 'russell2000') - 1)]);
    expect(figureText(html, 'smallLevel')).toEqual([Math.round(Number(end.russell2000)).toLocaleString('en-US')]);
  });

  it('tells one consistent story where the source contradicted itself', () => {
    expect(figureText(html, 'smallYtd')).toEqual(['7.9%']);
    expect(figureText(html, 'smallSinceLow')).toEqual(['14.6%']);
    expect(figureText(html, 'smallLevel')).toEqual(['2,651']);
    expect(html).toContain('the IWM exchange-traded fund that tracks it trades at roughly a tenth of it');
  });

  it('states valuations, rates, earnings and breadth from their files', () => {
    const pe = csv('forward-pe.csv').at(-1)!;
    expect(figureText(html, 'smallPe')).toEqual([`${Number(pe.russell2000).toFixed(0)}x`]);
    expect(figureText(html, 'largePe')).toEqual([`${Number(pe.sp500).toFixed(0)}x`]);
    expect(figureText(html, 'peDiscount')).toEqual([pct(1 - Number(pe.russell2000) / Number(pe.sp500), 0)]);
    const fed = csv('fed-funds.csv').at(-1)!;
    expect(figureText(html, 'rateLower')).toEqual([`${Number(fed.lower).toFixed(2)}%`]);
    expect(figureText(html, 'rateUpper')).toEqual([`${Number(fed.upper).toFixed(2)}%`]);
    expect(figureText(html, 'cutsInARow')).toEqual(['3']);
    expect(figureText(html, 'cutSize')).toEqual(['25\u00a0bp']);
    const growth = csv('earnings-growth.csv');
    const g = (group: string, basis: string) => pct(Number(growth.find((r) => r.group === group && r.basis === basis && r.year === '2026')!.growth), 0);
    expect(figureText(html, 'smallGrowth')).toEqual([g('Russell 2000', 'Consensus')]);
    expect(figureText(html, 'largeGrowth')).toEqual([g('S&P 500', 'Consensus')]);
    const breadth = csv('breadth.csv');
    const share = Number(breadth.at(-1)!.share_beating_index);
    expect(figureText(html, 'breadthShare')).toEqual([pct(share, 0)]);
    const rank = 1 + breadth.filter((r) => Number(r.share_beating_index) > share).length;
    expect(figureText(html, 'breadthRank')).toEqual([rank === 2 ? '2nd' : `${rank}th`]);
    expect(figureText(html, 'breadthYears')).toEqual([String(breadth.length)]);
  });

  it('has at least five charts, each an inline SVG with a caption and a data table', () => {
    const charts = html.match(/<figure class="chart"[\s\S]*?<\/figure>/g) ?? [];
    expect(charts.length).toBeGreaterThanOrEqual(5);
    for (const chart of charts) {
      expect(chart).toMatch(/<figcaption[\s\S]*chart-title/);
      expect(chart).toMatch(/<svg[^>]*role="img"/);
      expect(chart).toMatch(/<table[\s>]/);
    }
  });

  it('binds every number in the prose: no digit outside a figure, a tag or an allowed name', () => {
    const prose = html.slice(html.indexOf('<div class="prose">'), html.indexOf('</article>'));
    expect(prose.length).toBeGreaterThan(5000);
    const text = prose
      .replace(/<figure class="chart"[\s\S]*?<\/figure>/g, '')
      .replace(/<span class="fig"[^>]*>[^<]*<\/span>/g, 'FIG')
      .replace(/<[^>]+>/g, ' ');
    expect(text.match(/FIG/g)?.length).toBeGreaterThan(40);
    const stray = text
      .replace(/S&amp;P 500|Russell 2000|Nasdaq 100|52-week|\b(19|20)\d\d\b|November 20/g, '')
      .match(/\d[\d,.]*/g);
    expect(stray).toBeNull();
  });

  it('shows a changed data value in the rebuilt page and its chart, once the lock accepts it', async () => {
    const site = makeFlagshipSite();
    site.edit('data/forward-pe.csv', (t) => t.replace(/\n2025-12-31,18\.0,26\.0,/, '\n2025-12-31,17.0,26.0,'));
    const refused = await buildSite(site);
    expect(refused.ok).toBe(false);
    expect(refused.output).toMatch(/fixture-rotation[\s\S]*smallPe[\s\S]*18x[\s\S]*17x/);
    await run(process.execPath, [`${ROOT}/scripts/figures.ts`, '--accept', '--reason', 'The forward P/E was revised.'], { cwd: site.root });
    const rebuilt = await buildSite(site);
    expect(rebuilt.ok, rebuilt.output).toBe(true);
    const page = rebuilt.html('/issues/fixture-rotation/');
    expect(figureText(page, 'smallPe')).toEqual(['17x']);
    const chart = /<figure class="chart"[^>]*forward-pe\.vl\.json[\s\S]*?<\/figure>/.exec(page)?.[0] ?? '';
    expect(chart.replace(/ data-astro-cid-\w+/g, '')).toContain('<td>2025-12-31</td><td>17</td><td>26</td>');
    expect(chart).not.toBe(/<figure class="chart"[^>]*forward-pe\.vl\.json[\s\S]*?<\/figure>/.exec(html)?.[0]);
  });

  it('renders the same bytes on a rebuild (deterministic charts)', async () => {
    const again = await buildSite(makeFlagshipSite());
    expect(again.html('/issues/fixture-rotation/')).toBe(html);
  });
});
