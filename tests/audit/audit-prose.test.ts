import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditProse } from '../../src/audit/audit-prose.ts';
import { ROOT } from '../helpers/site.ts';

const SAMPLE = fs.readFileSync(path.join(ROOT, 'tests/fixtures/audit-prose/content/issues/sample/index.mdx'), 'utf8');
const ALLOW = new Map([['S&P 500', 'index name']]);
const at = (source: string, allow: ReadonlyMap<string, string> = new Map()) =>
  auditProse(source, allow)
    .filter((f) => !f.skip)
    .map((f) => `${f.line}:${f.column} ${f.numeral}`);
const skipped = (source: string) =>
  auditProse(source, ALLOW)
    .filter((f) => f.skip)
    .map((f) => `${f.line}:${f.column} ${f.numeral} ${f.skip}`);

describe('the prose audit', () => {
  it('lists each claim with its line and column in the file', () => {
    expect(at(SAMPLE, ALLOW)).toEqual(['8:16 3.5%', '9:11 $1,200', '11:8 10', '13:9 2000', '22:15 45', '22:35 3rd', '24:37 17']);
  });

  it('says why it skipped the rest: dates, years, names, allowed phrases', () => {
    expect(skipped(SAMPLE)).toEqual([
      '8:32 5 date',
      '8:35 2026 date',
      '8:60 2008 year',
      '9:29 3 part of a name or code (G7, Q3, COVID-19)',
      '9:67 2nd ordinal in a name',
      '11:21 2026 year',
      '13:35 500 allowed: S&P 500 (index name)',
      '24:17 2024 ISO date',
      '24:22 12 ISO date',
      '24:25 31 ISO date',
    ]);
  });

  it('never reads front matter, tags, code, expressions or footnote marks', () => {
    const lines = auditProse(SAMPLE, ALLOW).map((f) => f.line);
    expect(lines.filter((l) => l <= 6 || l === 14 || (l >= 16 && l <= 20))).toEqual([]);
  });

  it('without the allow-list an index name is a claim, unless its number reads as a year', () => {
    expect(at('The S&P 500 and the Russell 2000 rose.\n')).toEqual(['1:9 500']);
  });

  it('reads a year after any word as a year: no word before it makes it a quantity', () => {
    const source = 'Over 2009 the best performer was Apple. In 2009 it rose. Nearly 2000 rose, by 1850 and in 2150.\n';
    expect(at(source)).toEqual([]);
    expect(skipped(source)).toEqual(['1:6 2009 year', '1:44 2009 year', '1:65 2000 year', '1:79 1850 year', '1:91 2150 year']);
  });

  it('reads a year-like number as a quantity when a unit, a count noun or a currency says so', () => {
    expect(at('Over 2009 shares traded, 2,009 of them, for $2009, EUR 2009, 2009bn, 2009 million, 2009% or 2009 pp.\n')).toEqual([
      '1:6 2009', '1:26 2,009', '1:45 $2009', '1:56 2009', '1:62 2009bn', '1:70 2009', '1:84 2009%', '1:93 2009',
    ]);
    expect(at('Not 2250, nor 1799.\n')).toEqual(['1:5 2250', '1:15 1799']);
  });

  it('reads dates and ranges in the 1800s too', () => {
    expect(at('From March 1887 to 1890–1899, the 1880s.\n')).toEqual([]);
  });

  it('reads years in context, through emphasis, and quantities in the years\' range as claims', () => {
    expect(at('## 1988, not 2008\n\nIn *2008* the 1987 crash was far. Since mid-2025, the 1990s.\n')).toEqual([]);
    expect(at('About 2000 stocks fell, and 1950 companies rose 2025%.\n')).toEqual(['1:7 2000', '1:29 1950', '1:49 2025%']);
  });

  it('reads dates in their usual forms', () => {
    expect(at('On November 20, on Jan. 5, 2026, on 5 March 2025, in January 2026, on 2026-01-21, on 1/22/2026, in 2024–25.\n')).toEqual([]);
  });

  it('audits text inside other tags and lists, with signs and units', () => {
    expect(at('<Note>Down −4.1% or 13x.</Note>\n\n- up +12.4%\n')).toEqual(['1:12 −4.1%', '1:21 13x', '3:6 +12.4%']);
  });
});

describe('the flagship issue', () => {
  const FLAGSHIP = path.join(ROOT, 'tests/fixtures/flagship');
  const flagship = fs.readFileSync(path.join(FLAGSHIP, 'content/issues/fixture-rotation/index.mdx'), 'utf8');
  const config = JSON.parse(fs.readFileSync(path.join(FLAGSHIP, 'tally.config.json'), 'utf8')) as { audit: { allow: Record<string, string> } };

  it('is clean with the allow-list of tally.config.json', () => {
    expect(at(flagship, new Map(Object.entries(config.audit.allow)))).toEqual([]);
  });

  it('would show only index names and the 52-week window without it', () => {
    const found = auditProse(flagship, new Map()).filter((f) => !f.skip);
    expect(new Set(found.map((f) => f.context.match(/S&P 500|Nasdaq 100|52-week/)?.[0]))).toEqual(new Set(['S&P 500', 'Nasdaq 100', '52-week']));
    expect(found).toHaveLength(9);
  });
});
