import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IssueLock, Snapshot } from '../../src/lock/lock-types.ts';
import { mergeSnapshots, runSnapshot } from '../../src/lock/run-snapshot.ts';
import { makeSite, type Site } from '../helpers/site.ts';

const lockOf = (asOf: string): IssueLock => ({ asOf, figures: {}, charts: {}, files: {} }) as unknown as IssueLock;

describe('the lock check split over processes', () => {
  const sites: Site[] = [];
  afterAll(() => {
    for (const s of sites) fs.rmSync(s.root, { recursive: true, force: true });
  });

  it('merges the parts in slug order, drafts and broken issues included', () => {
    const a: Snapshot = { issues: { c: lockOf('2026-01-03'), a: lockOf('2026-01-01') }, drafts: ['d'], broken: {} };
    const b: Snapshot = { issues: { b: lockOf('2026-01-02') }, drafts: ['b-draft'], broken: { e: { code: 'X', message: 'm', hint: '', loc: undefined } } };
    const merged = mergeSnapshots([a, b]);
    expect(Object.keys(merged.issues)).toEqual(['a', 'b', 'c']);
    expect(merged.issues.b).toEqual(b.issues.b);
    expect(merged.drafts).toEqual(['b-draft', 'd']);
    expect(Object.keys(merged.broken)).toEqual(['e']);
    expect(merged).not.toHaveProperty('draftIssues');
  });

  it('gives the snapshot one process gives, each issue computed by one shard only', () => {
    const site = makeSite('site-pages', { on: 'basic' });
    sites.push(site);
    const cli = path.join(site.root, 'src', 'lock', 'snapshot-cli.ts');
    const snapshot = (shard: string): Snapshot => {
      // Each run from a cold cache, so every issue is computed where its shard says.
      fs.rmSync(path.join(site.root, '.tally-cache'), { recursive: true, force: true });
      const out = execFileSync(process.execPath, [cli, '--shard', shard], { cwd: site.root, env: { ...process.env, TALLY_ROOT: site.root, TZ: 'UTC' }, encoding: 'utf8' });
      return JSON.parse(out.split('\n').findLast((l) => l.startsWith('TALLY_SNAPSHOT '))!.slice('TALLY_SNAPSHOT '.length)) as Snapshot;
    };
    const whole = snapshot('0/1');
    const parts = [snapshot('0/2'), snapshot('1/2')];
    expect(Object.keys(whole.issues).length + whole.drafts.length).toBeGreaterThanOrEqual(3);
    const computed = parts.map((p) => [...Object.keys(p.issues), ...p.drafts]);
    expect(computed[0]!.filter((slug) => computed[1]!.includes(slug))).toEqual([]);
    expect(computed.every((slugs) => slugs.length > 0)).toBe(true);
    expect(JSON.stringify(mergeSnapshots(parts))).toBe(JSON.stringify(whole));
  }, 120_000);

  it("keeps its processes' compiled modules in the project's cache, where a damaged file changes nothing", async () => {
    const site = makeSite('site-pages', { on: 'basic' });
    sites.push(site);
    const saved = { root: process.env.TALLY_ROOT, cache: process.env.NODE_COMPILE_CACHE };
    process.env.TALLY_ROOT = site.root;
    delete process.env.NODE_COMPILE_CACHE;
    try {
      const cache = path.join(site.root, '.tally-cache');
      const compiled = path.join(cache, 'node-compile');
      const first = await runSnapshot();
      const files = (fs.readdirSync(compiled, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
      expect(files.length).toBeGreaterThan(10);
      // Every compiled module damaged, sizes and times kept; every other cache removed, so each issue is computed again.
      for (const file of files) {
        const st = fs.statSync(file);
        const bytes = fs.readFileSync(file);
        bytes[bytes.length >> 1]! ^= 0x20;
        fs.writeFileSync(file, bytes);
        fs.utimesSync(file, st.atime, st.mtime);
      }
      for (const name of fs.readdirSync(cache)) if (name !== 'node-compile') fs.rmSync(path.join(cache, name), { recursive: true, force: true });
      expect(JSON.stringify(await runSnapshot())).toBe(JSON.stringify(first));
    } finally {
      if (saved.root === undefined) delete process.env.TALLY_ROOT;
      else process.env.TALLY_ROOT = saved.root;
      if (saved.cache !== undefined) process.env.NODE_COMPILE_CACHE = saved.cache;
    }
  }, 120_000);
});
