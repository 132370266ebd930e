import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRenderPool } from '../../src/build/render-pool.ts';

describe('chart worker pool', () => {
  it('starts each worker with a capped old and young generation', async () => {
    const pool = createRenderPool(new URL('./fixtures/limits-worker.ts', import.meta.url), 2);
    try {
      const limits = await Promise.all([pool.interactive('{}'), pool.interactive('{}')]);
      for (const json of limits) {
        const { maxOldGenerationSizeMb, maxYoungGenerationSizeMb } = JSON.parse(json) as Record<string, number>;
        expect(maxOldGenerationSizeMb).toBe(192);
        expect(maxYoungGenerationSizeMb).toBe(32);
      }
    } finally {
      await pool.close();
    }
  });

  // Each in its own process: stopping a worker in the wrong window aborts the whole process.
  const runFixture = (name: string) => {
    const started = performance.now();
    const run = spawnSync(process.execPath, [fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))], { encoding: 'utf8' });
    return { ...run, ms: performance.now() - started };
  };

  it('stops a worker still loading its entry only once its entry has run to the end (stopping it mid-load can abort Node)', () => {
    const run = runFixture('close-while-loading.ts');
    expect(run.signal, run.stderr).toBeNull();
    expect(run.status, run.stderr).toBe(3);
    // The worker's graph resumes after 400 ms, and its entry runs 200 ms more after it says it is ready.
    expect(run.ms).toBeGreaterThanOrEqual(550);
  });

  it('holds a process that exits while its workers load until their entries have run, and exits with its own code', () => {
    const run = runFixture('exit-while-loading.ts');
    expect(run.signal, run.stderr).toBeNull();
    expect(run.status, run.stderr).toBe(3);
    expect(run.ms).toBeGreaterThanOrEqual(550);
  });

  it('stops a pool whose workers cannot load at once', async () => {
    const started = performance.now();
    const pool = createRenderPool(new URL('./fixtures/no-such-worker.ts', import.meta.url), 2);
    await expect(pool.interactive('{}')).rejects.toThrow();
    await pool.close();
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

