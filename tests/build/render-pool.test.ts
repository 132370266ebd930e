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

  it('stops a worker still loading its entry only once it is loaded (stopping it mid-load can abort Node)', async () => {
    const started = performance.now();
    const pool = createRenderPool(new URL('./fixtures/slow-start-worker.ts', import.meta.url), 2);
    await pool.close();
    expect(performance.now() - started).toBeGreaterThanOrEqual(350);
  });

  it('holds a process that exits while its workers load until they are loaded, and exits with its own code', () => {
    const started = performance.now();
    const run = spawnSync(process.execPath, [fileURLToPath(new URL('./fixtures/exit-while-loading.ts', import.meta.url))], { encoding: 'utf8' });
    expect(run.signal, run.stderr).toBeNull();
    expect(run.status, run.stderr).toBe(3);
    // The workers' entries take 400 ms to evaluate.
    expect(performance.now() - started).toBeGreaterThanOrEqual(350);
  });

  it('stops a pool whose workers cannot load at once', async () => {
    const started = performance.now();
    const pool = createRenderPool(new URL('./fixtures/no-such-worker.ts', import.meta.url), 2);
    await expect(pool.interactive('{}')).rejects.toThrow();
    await pool.close();
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

