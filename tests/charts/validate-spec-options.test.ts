import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { SCHEMA_OPTIONS } from '../../src/charts/validate-spec.ts';
import { expectSameVerdicts } from './spoilt-specs.ts';

describe("Vega-Lite's schema compiled without Ajv's optimizing pass", () => {
  it('finds the same specs valid, and reports the same errors in the same order, as the optimized compile', () => {
    const schema = createRequire(import.meta.url)('vega-lite/vega-lite-schema.json') as object;
    const { code: _code, ...optimized } = SCHEMA_OPTIONS;
    const ours = new Ajv(SCHEMA_OPTIONS).compile(schema);
    const reference = new Ajv(optimized).compile(schema);
    const { all, invalid } = expectSameVerdicts(ours, reference);
    // The spoilt specs are mostly refused: the errors compared are many.
    expect(invalid).toBeGreaterThan(all / 2);
  }, 120_000);
});
