import { describe, expect, it } from 'vitest';
import { precompileSpecValidator, specValidator } from '../../src/charts/precompile-validator.ts';
import { compileSpecValidator } from '../../src/charts/spec-schema.ts';
import { said, specs } from './spoilt-specs.ts';

describe("Vega-Lite's schema compiled in a worker thread at the build's start", () => {
  it('finds the same specs valid, and reports the same errors in the same order, as the schema compiled in this thread', () => {
    precompileSpecValidator();
    const fromWorker = specValidator();
    // Taken once, then kept: the worker's text is not made a function twice.
    expect(specValidator()).toBe(fromWorker);
    const here = compileSpecValidator();
    expect(fromWorker).not.toBe(here);
    const all = specs();
    let invalid = 0;
    for (const spec of all) {
      const valid = here(spec);
      if (!valid) invalid++;
      expect(fromWorker(spec)).toBe(valid);
      expect(said(fromWorker.errors)).toEqual(said(here.errors));
    }
    expect(invalid).toBeGreaterThan(all.length / 2);
  }, 120_000);
});
