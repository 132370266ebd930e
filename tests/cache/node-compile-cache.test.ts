import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRenderPool } from '../../src/build/render-pool.ts';
import { compileCacheDir, withCompileCache } from '../../src/cache/node-compile-cache.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe("Node's compile cache for the build's threads and processes", () => {
  it('lives in the project cache unless the environment names a folder', () => {
    expect(compileCacheDir('/site', {})).toBe(path.join('/site', '.tally-cache', 'node-compile'));
    expect(compileCacheDir('/site', { NODE_COMPILE_CACHE: '/elsewhere' })).toBe('/elsewhere');
    const env = withCompileCache('/site', { PATH: '/bin' });
    expect(env).toEqual({ PATH: '/bin', NODE_COMPILE_CACHE: path.join('/site', '.tally-cache', 'node-compile') });
  });

  it('is used by the chart workers started with it, which write their compiled modules there', async () => {
    const root = tempDir('compile-cache-');
    const pool = createRenderPool(new URL('../build/fixtures/compile-cache-worker.ts', import.meta.url), 1, { env: withCompileCache(root, { ...process.env, NODE_COMPILE_CACHE: '' }) });
    try {
      const { dir } = JSON.parse(await pool.interactive('{}')) as { dir: string | null };
      expect(dir).not.toBeNull();
      expect(path.relative(compileCacheDir(root, {}), dir!)).not.toMatch(/^\.\./);
    } finally {
      await pool.close();
    }
    // Node writes the cache as the worker exits.
    const files = fs.readdirSync(compileCacheDir(root, {}), { recursive: true }) as string[];
    expect(files.length).toBeGreaterThan(0);
  });
});
