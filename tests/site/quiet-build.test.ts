import { beforeAll, describe, expect, it } from 'vitest';
import type { Rolldown } from 'vite';
import { chunkBudget, dropKnownNoise } from '../../src/integration/build-logs.ts';
import { buildSite, makeSite, type BuildResult } from '../helpers/site.ts';

type Log = Rolldown.RollupLog;

/** What dropKnownNoise passes on to Vite's handler. */
function passed(level: 'warn' | 'info', log: Log): Log[] {
  const out: Log[] = [];
  dropKnownNoise.call({} as never, level, log, (_l: unknown, l: unknown) => void out.push(l as Log));
  return out;
}

/** The warnings the chunk budget raises for chunks of the given minified sizes. */
function budgetWarnings(chunks: Record<string, { size: number; facade?: string }>): string[] {
  const warnings: string[] = [];
  const bundle = Object.fromEntries(
    Object.entries(chunks).map(([fileName, c]) => [fileName, { type: 'chunk', fileName, code: 'x'.repeat(c.size), facadeModuleId: c.facade ?? null }]),
  );
  const hook = chunkBudget().generateBundle as (this: unknown, o: unknown, b: unknown) => void;
  hook.call({ warn: (m: string) => warnings.push(m) }, {}, bundle);
  return warnings;
}

describe('the build log filter', () => {
  it("drops only Astro's head-inject directive warning", () => {
    const directive = { code: 'MODULE_LEVEL_DIRECTIVE', message: 'The semantics of the module level directive "use astro:head-inject" in "a.mdx?astroPropagatedAssets" may not be preserved when bundling.' };
    expect(passed('warn', directive)).toEqual([]);
    const other = { code: 'MODULE_LEVEL_DIRECTIVE', message: 'The semantics of the module level directive "use client" in "b.ts" may not be preserved when bundling.' };
    expect(passed('warn', other)).toEqual([other]);
    const unresolved = { code: 'UNRESOLVED_IMPORT', message: '"x" is imported by "y" but could not be resolved' };
    expect(passed('warn', unresolved)).toEqual([unresolved]);
  });

  it('names a chunk over 500 kB, and the interactive chart layer only over its own budget', () => {
    const layer = new URL('../../src/client/mount-chart.ts', import.meta.url).pathname;
    expect(budgetWarnings({ 'small.js': { size: 400_000 }, 'mount-chart.js': { size: 348_000, facade: layer } })).toEqual([]);
    const warnings = budgetWarnings({ 'big.js': { size: 600_000 }, 'mount-chart.js': { size: 450_000, facade: layer } });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('big.js is 600 kB minified, over its 500 kB budget');
    expect(warnings[1]).toContain('mount-chart.js is 450 kB minified, over its 400 kB budget');
  });
});

describe('the build of a fixture site', () => {
  let result: BuildResult;
  beforeAll(async () => {
    result = await buildSite(makeSite('basic'));
  });

  it('prints no warning at all, the known noise included', () => {
    expect(result.ok, result.output).toBe(true);
    expect(result.output).not.toContain('MODULE_LEVEL_DIRECTIVE');
    expect(result.output).not.toContain('use astro:head-inject');
    expect(result.output).not.toContain('chunkSizeWarningLimit');
    expect(result.output.split('\n').filter((l) => l.includes('[WARN]'))).toEqual([]);
  });
});
