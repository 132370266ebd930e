import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartInputKey } from '../../src/charts/chart-input-key.ts';
import type { FigureText } from '../../src/figures/placeholders.ts';
import { ROOT } from '../helpers/site.ts';

const spec = { title: 'Up {{gain}}', description: 'Plain.', data: { values: [{ v: 1 }] }, mark: 'point' };
const file = { abs: '/x/a.vl.json', file: 'content/issues/one/a.vl.json', text: JSON.stringify(spec), spec };
const key = (figures: ReadonlyMap<string, FigureText>) => chartInputKey(file, '2026-01-08' as never, new Map(), figures, 'v1');

describe('the chart cache key', () => {
  const before = process.env.TALLY_ROOT;
  beforeAll(() => {
    process.env.TALLY_ROOT = path.join(ROOT, 'tests/fixtures/basic');
  });
  afterAll(() => {
    if (before === undefined) delete process.env.TALLY_ROOT;
    else process.env.TALLY_ROOT = before;
  });

  it('changes when a figure its texts name changes, value or text, and only then', () => {
    const base = key(new Map([['gain', { value: 0.1, rendered: '10.0%' }]]));
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(key(new Map([['gain', { value: 0.1, rendered: '10.0%' }], ['other', { value: 1, rendered: '1' }]]))).toBe(base);
    expect(key(new Map([['gain', { value: 0.2, rendered: '20.0%' }]]))).not.toBe(base);
    expect(key(new Map([['gain', { value: 0.1, rendered: '10%' }]]))).not.toBe(base);
  });

  it('is undefined for an unknown figure, so the chart is prepared in full and fails with its place', () => {
    expect(key(new Map())).toBeUndefined();
  });
});
