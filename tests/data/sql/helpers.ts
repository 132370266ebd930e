import { manifestEntry, tempProject } from '../../helpers/data-dir.ts';

export const PRICES = [
  'date,symbol,close,volume,note',
  '2026-01-02,AAA,10.5,100,first',
  '2026-01-02,BBB,20,200,',
  '2026-01-05,AAA,11,150,o\'brien',
  '2026-01-05,BBB,19.5,,x',
  '2026-02-02,AAA,99,999,after',
].join('\n');

/** A temp project (TALLY_ROOT) with data/prices.csv (a time series), data/sizes.json (a table) and data/extra files. */
export function sqlProject(files: Record<string, string> = {}, moreManifest = ''): string {
  return tempProject({
    'data/manifest.yaml': [
      manifestEntry('prices.csv', { date: 'date', symbol: 'string', close: 'number', volume: 'integer' }),
      manifestEntry('sizes.json', { symbol: 'string', size: 'integer' }),
      manifestEntry('secret.csv', { k: 'string' }),
      moreManifest,
    ].join(''),
    'data/prices.csv': `${PRICES}\n`,
    'data/sizes.json': JSON.stringify([{ symbol: 'AAA', size: 3 }, { symbol: 'BBB', size: 5 }]),
    'data/secret.csv': 'k\nhidden\n',
    ...files,
  });
}
