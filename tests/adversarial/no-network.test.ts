import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSite, ROOT, type Site } from '../helpers/site.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const run = promisify(execFile);
const PRELOAD = path.join(import.meta.dirname, 'no-network-preload.mjs');

/** Runs `node <args>` with the no-network preload in every Node process it starts; returns what was attempted. */
async function guarded(cwd: string, args: string[]): Promise<{ ok: boolean; output: string; attempts: string }> {
  const log = path.join(tempDir('tally-net-'), 'attempts.log');
  fs.writeFileSync(log, '');
  const { NODE_ENV: _n, VITEST: _v, VITEST_WORKER_ID: _w, ...env } = process.env;
  let ok = true;
  let output = '';
  try {
    const r = await run(process.execPath, args, { cwd, env: { ...env, NO_COLOR: '1', TALLY_NETWORK_LOG: log, NODE_OPTIONS: `--import ${PRELOAD}` }, maxBuffer: 64 * 1024 * 1024 });
    output = r.stdout + r.stderr;
  } catch (e) {
    ok = false;
    const err = e as { stdout?: string; stderr?: string };
    output = (err.stdout ?? '') + (err.stderr ?? '');
  }
  return { ok, output, attempts: fs.readFileSync(log, 'utf8') };
}

describe('the build never reaches the network', () => {
  let site: Site;
  let build: Awaited<ReturnType<typeof guarded>>;
  beforeAll(async () => {
    site = makeSite('basic');
    fs.cpSync(path.join(ROOT, 'scripts'), path.join(site.root, 'scripts'), { recursive: true });
    build = await guarded(site.root, ['scripts/build.ts']);
  });

  it('the guard catches fetch, http, DNS and raw sockets (so a silent log means something)', async () => {
    const probe = [
      "fetch('https://example.com/').catch(() => {});",
      "try { require('node:https').get('https://example.org/'); } catch {}",
      "try { require('node:dns').lookup('example.net', () => {}); } catch {}",
      "try { require('node:net').connect(443, 'example.edu'); } catch {}",
      "require('node:net').createServer().listen(0, '127.0.0.1', function () { const s = require('node:net').connect(this.address().port, '127.0.0.1', () => { s.destroy(); this.close(); }); });",
    ].join('\n');
    const r = await guarded(ROOT, ['-e', probe]);
    expect(r.attempts).toMatch(/fetch https:\/\/example\.com\//);
    expect(r.attempts).toMatch(/https\.get https:\/\/example\.org\//);
    expect(r.attempts).toMatch(/dns\.lookup example\.net/);
    expect(r.attempts).toMatch(/net\.Socket\.connect example\.edu/);
    expect(r.attempts).not.toMatch(/127\.0\.0\.1/);
  });

  // Bare `astro build` posts telemetry to telemetry.astro.build (outside CI); scripts/build.ts
  // sets ASTRO_TELEMETRY_DISABLED=1, which this test holds it to.
  it('npm run build succeeds with every non-loopback connection refused, and attempts none', () => {
    expect(build.ok, build.output).toBe(true);
    expect(site.read('dist/issues/alpha/index.html')).toContain('$121.00');
    expect(build.attempts).toBe('');
  });

});
