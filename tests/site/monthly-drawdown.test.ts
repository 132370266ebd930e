import { describe, expect, it } from 'vitest';
import { buildSite, figureText, makeSite } from '../helpers/site.ts';

// tests/fixtures/monthly-drawdown: monthly prices in the shape of vega-datasets' stocks.csv
// (`symbol,date,price`, dates written `Jan 1 2000`, no newline after the last row), declared
// with `format: "%b %d %Y"`, in the issue's own data folder; asOf 2009-03-01.
//   AAA 100 110 120 120 105 90 95 80 66 54 60 72 96 108 120 | 130 125 140   (Jan 2008 …)
//   BBB  50  48  52  55  60 57 51 45 42 39 36 30 33  31  34 |  24  45  66
// The bar is the asOf: the rows after it (April to June 2009) must not count.
describe('drawdowns on monthly prices dated "Jan 1 2000"', () => {
  it('finds peak, trough and recovery with their dates, and cuts the rows after asOf as calendar dates', async () => {
    const site = makeSite('monthly-drawdown', { on: 'basic' });
    const built = await buildSite(site);
    expect(built.ok, built.output).toBe(true);
    const html = built.html('/issues/crash/');
    const fig = (name: string) => figureText(html, name);

    // AAA: the high of 120 is first reached on Mar 1 2008 (and again in April); the low is 54
    // on Oct 1 2008, 54 / 120 − 1 = −55%; it is back at 120 on Mar 1 2009, the asOf itself.
    expect(fig('aaaDepth')).toEqual(['−55.0%']);
    expect(fig('aaaPeak')).toEqual(['120']);
    expect(fig('aaaPeakDate')).toEqual(['March 1, 2008']);
    expect(fig('aaaTrough')).toEqual(['54']);
    expect(fig('aaaTroughDate')).toEqual(['October 1, 2008']);
    expect(fig('aaaRecovery')).toEqual(['March 1, 2009']);

    // BBB up to the asOf: 60 on May 1 2008 down to 30 on Dec 1 2008, −50%, not back. After the
    // asOf it falls to 24 (Apr 1 2009, −60%) and recovers (66 on Jun 1 2009): neither counts.
    // "Apr 1 2009" sorts before "Mar 1 2009" as text, so a cut on the text would let it in.
    expect(fig('bbbDepth')).toEqual(['−50.0%']);
    expect(fig('bbbPeakDate')).toEqual(['May 1, 2008']);
    expect(fig('bbbTrough')).toEqual(['30']);
    expect(fig('bbbTroughDate')).toEqual(['December 1, 2008']);
    expect(fig('bbbRecovery')).toEqual(['not yet']);
    expect(fig('bbbSqlTroughDate')).toEqual(['December 1, 2008']);
    expect(fig('lastMonth')).toEqual(['March 1, 2009']);
    // The later rows are in the file and parsed: the opt-out of the cut sees them.
    expect(fig('bbbLatestTroughDate')).toEqual(['April 1, 2009']);

    // The chart's data is cut at the same day, with the dates as calendar dates.
    const chart = site.read('dist/charts/crash/prices.json');
    expect(chart).toContain('"2009-03-01T00:00"');
    expect(chart).toContain('"2008-01-01T00:00"');
    expect(chart).not.toContain('2009-04-01');
    expect(chart).not.toContain('Apr 1 2009');
  }, 300_000);
});
