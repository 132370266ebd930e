import { afterEach, describe, expect, it } from 'vitest';
import type { IssueDrift } from '../../src/lock/compare-lock.ts';
import { addRowChanges } from '../../src/lock/drift-rows.ts';
import type { Snapshot } from '../../src/lock/lock-types.ts';
import { manifestEntry, tempProject } from '../helpers/data-dir.ts';

afterEach(() => {
  delete process.env.TALLY_ROOT;
  delete process.env.TALLY_MAX_DATA_MB;
});

const drift = (file: string): IssueDrift[] => [{ slug: 'a', asOf: { old: '2026-01-08', now: '2026-01-08' }, changes: [], files: [{ file, old: '1111111111111111', now: '2222222222222222' }] }];
const snapshot = { issues: {} } as unknown as Snapshot;

describe('the rows of a drifted file too big or too binary to compare', () => {
  it('names a Parquet file and a file over the in-memory limit without reading them, for git diff to show', () => {
    tempProject({
      'data/manifest.yaml': manifestEntry('p.parquet', { d: 'date' }) + manifestEntry('big.csv', { d: 'date' }) + manifestEntry('small.csv', { d: 'date' }),
      'data/p.parquet': 'PAR1',
      'data/big.csv': `d\r\n${'2026-01-01\r\n'.repeat(200)}`,
      'data/small.csv': 'd\r\n2026-01-01\r\n',
    });
    process.env.TALLY_MAX_DATA_MB = '0.001';
    const [parquet, big, small] = [drift('p.parquet'), drift('big.csv'), drift('small.csv')];
    for (const d of [parquet, big, small]) addRowChanges(d, snapshot);
    expect(parquet[0]!.files[0]!.rows).toEqual({ unavailable: 'it is a Parquet file, whose rows are not compared here' });
    expect(big[0]!.files[0]!.rows).toEqual({ unavailable: 'it is larger than the in-memory limit (TALLY_MAX_DATA_MB), so its rows are not compared here' });
    // A small file is looked up as before: its locked bytes are gone here, and the message says so.
    expect(small[0]!.files[0]!.rows).toMatchObject({ unavailable: expect.stringContaining('the locked version is not kept') });
  });
});
