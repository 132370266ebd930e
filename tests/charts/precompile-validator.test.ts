import { describe, expect, it } from 'vitest';
import { precompileSpecValidator, specValidator } from '../../src/charts/precompile-validator.ts';
import { compileSpecValidator } from '../../src/charts/spec-schema.ts';
import { expectSameVerdicts } from './spoilt-specs.ts';

describe("Vega-Lite's schema compiled in a worker thread at the build's start", () => {
  it('finds the same specs valid, and reports the same errors in the same order, as the schema compiled in this thread', () => {
    precompileSpecValidator();
    const fromWorker = specValidator();
    // Taken once, then kept: the worker's text is not made a function twice.
    expect(specValidator()).toBe(fromWorker);
    const here = compileSpecValidator();
    expect(fromWorker).not.toBe(here);
    const { all, invalid } = expectSameVerdicts(fromWorker, here);
    expect(invalid).toBeGreaterThan(all / 2);
  }, 120_000);
});
