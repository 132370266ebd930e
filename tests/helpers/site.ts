import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from './temp-dir.ts';

const run = promisify(execFile);
export const ROOT = path.resolve(import.meta.dirname, '../..');
const TMP = path.join(ROOT, 'tests', '.tmp');
const ASTRO = path.join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');
/** The site code every fixture is built with: the project's own. */
const SITE_FILES = ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json'];

export interface Site {
  root: string;
  read(file: string): string;
  write(file: string, text: string): void;
  edit(file: string, change: (text: string) => string): void;
}

export interface BuildResult {
  ok: boolean;
  output: string;
  html(route: string): string;
}

/**
 * Copies the project's site code and a fixture's content/ and data/ into a fresh folder under
 * tests/.tmp, so a test can change files freely and build a real Tally site from them. The folder
 * is removed when the test file ends, unless one of its tests failed or TALLY_KEEP_SITES=1.
 */
export function makeSite(fixture: string, options: { on?: string } = {}): Site {
  const dir = (name: string) => path.join(ROOT, 'tests', 'fixtures', name);
  return siteFrom(fixture, [...(options.on ? [dir(options.on)] : []), dir(fixture)]);
}

/**
 * The flagship fixture: "The Great Rotation" and "Jobless Claims" with the data they read, their
 * lock and the audit allow-list, frozen in tests/fixtures/flagship/ so Tally's own tests never
 * depend on what the repository's content/ holds today.
 */
export function makeFlagshipSite(): Site {
  return makeSite('flagship');
}

/**
 * A copy of the site this repository publishes: whatever its content/, data/, tally.lock.json
 * and tally.config.json hold now. Only tests/site/own-site*.test.ts use it, and only generically.
 */
export function makeOwnSite(): Site {
  const site = siteFrom('own', []);
  for (const entry of ['content', 'data', 'tally.lock.json', 'tally.config.json']) {
    if (fs.existsSync(path.join(ROOT, entry))) fs.cpSync(path.join(ROOT, entry), path.join(site.root, entry), { recursive: true });
  }
  return site;
}

/** `fixtureDirs` are copied in order, each over the last: a case may hold only what it adds to a base fixture. */
function siteFrom(name: string, fixtureDirs: string[]): Site {
  const root = tempDir(`${name}-`, { parent: TMP, keepOnFailure: true });
  for (const f of SITE_FILES) fs.cpSync(path.join(ROOT, f), path.join(root, f), { recursive: true });
  // A fixture read in place by a unit test may hold that test's cache: a site starts without it.
  for (const dir of fixtureDirs) fs.cpSync(dir, root, { recursive: true, filter: (src) => path.basename(src) !== '.tally-cache' });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const abs = (f: string) => path.join(root, f);
  return {
    root,
    read: (f) => fs.readFileSync(abs(f), 'utf8'),
    write: (f, text) => {
      fs.mkdirSync(path.dirname(abs(f)), { recursive: true });
      fs.writeFileSync(abs(f), text);
    },
    edit(f, change) {
      this.write(f, change(this.read(f)));
    },
  };
}

/** Runs `astro build` in the site's folder, in a child process, as `npm run build` would. */
export async function buildSite(site: Site, env: Record<string, string> = {}): Promise<BuildResult> {
  let ok = true;
  let output: string;
  // Vitest's own NODE_ENV=test and MODE=test would make Vite treat the build as development.
  const { NODE_ENV: _n, VITEST: _v, VITEST_WORKER_ID: _w, MODE: _m, DEV: _d, PROD: _p, SSR: _s, ...parentEnv } = process.env;
  try {
    const r = await run(process.execPath, [ASTRO, 'build'], { cwd: site.root, env: { ...parentEnv, ...env, NO_COLOR: '1', FORCE_COLOR: '0' }, maxBuffer: 64 * 1024 * 1024 });
    output = r.stdout + r.stderr;
  } catch (e) {
    ok = false;
    const err = e as { stdout?: string; stderr?: string; message: string };
    output = (err.stdout ?? '') + (err.stderr ?? '') + err.message;
  }
  return {
    ok,
    output,
    html: (route) => fs.readFileSync(path.join(site.root, 'dist', route.replace(/^\//, ''), route.endsWith('.html') ? '' : 'index.html'), 'utf8'),
  };
}

/** Text of every element carrying data-figure="name" in the HTML. */
export function figureText(html: string, name: string): string[] {
  const re = new RegExp(`<span[^>]*data-figure="${name}"[^>]*>([^<]*)</span>`, 'g');
  return [...html.matchAll(re)].map((m) => m[1]!);
}
