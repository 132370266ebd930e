import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from './site.ts';
import { removeTempDirs, tempDir } from './temp-dir.ts';

const run = promisify(execFile);

describe('tempDir and removeTempDirs', () => {
  const keep = process.env.TALLY_KEEP_SITES;
  afterEach(() => {
    if (keep === undefined) delete process.env.TALLY_KEEP_SITES;
    else process.env.TALLY_KEEP_SITES = keep;
  });

  it('makes a fresh folder named by its prefix, in the parent given', () => {
    const parent = tempDir('tally-parent-');
    const a = tempDir('case-', { parent });
    const b = tempDir('case-', { parent });
    expect(a).not.toBe(b);
    expect(path.dirname(a)).toBe(parent);
    expect(path.basename(a)).toMatch(/^case-.{6}$/);
    expect(fs.statSync(a).isDirectory()).toBe(true);
    expect(removeTempDirs(false)).toEqual([]);
    expect([parent, a, b].filter((d) => fs.existsSync(d))).toEqual([]);
  });

  it('keeps the folders made to be kept on failure only when a test failed, and every folder with TALLY_KEEP_SITES=1', () => {
    delete process.env.TALLY_KEEP_SITES;
    const site = tempDir('tally-site-', { keepOnFailure: true });
    const scratch = tempDir('tally-scratch-');
    expect(removeTempDirs(true)).toEqual([site]);
    expect([fs.existsSync(site), fs.existsSync(scratch)]).toEqual([true, false]);
    fs.rmSync(site, { recursive: true });

    const passed = tempDir('tally-site-', { keepOnFailure: true });
    expect(removeTempDirs(false)).toEqual([]);
    expect(fs.existsSync(passed)).toBe(false);

    process.env.TALLY_KEEP_SITES = '1';
    const both = [tempDir('tally-site-', { keepOnFailure: true }), tempDir('tally-scratch-')];
    expect(removeTempDirs(false)).toEqual(both);
    for (const d of both) fs.rmSync(d, { recursive: true });
  });
});

/** A test file for the child run: makes its folders, writes where, then passes or fails. */
const caseFile = (report: string, fail: boolean) => `import fs from 'node:fs';
import { it } from 'vitest';
import { tempDir } from ${JSON.stringify(path.join(ROOT, 'tests', 'helpers', 'temp-dir.ts'))};

it('makes temp folders', () => {
  const made = { site: tempDir('tally-site-', { keepOnFailure: true }), scratch: tempDir('tally-scratch-') };
  fs.writeFileSync(${JSON.stringify(report)}, JSON.stringify(made));
  if (${fail}) throw new Error('fails on purpose');
});
`;

/** A temp folder made in the system's temp folder directly, which no hook would remove. */
const RAW_TEMP_DIR = /mkdtemp(?:Sync)?\(\s*(?:path\.join\(\s*)?(?:os\.)?tmpdir\(\)/;

/** Every TypeScript file under tests/ but the fixture sites made at run time. */
function testSources(dir = path.join(ROOT, 'tests')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === '.tmp' || e.name === 'node_modules' ? [] : testSources(abs);
    return /\.m?ts$/.test(e.name) ? [abs] : [];
  });
}

describe('temp folders in tests', () => {
  it("are made with tempDir, never in the system's temp folder directly", () => {
    // Joined here so that this file does not hold the text it looks for.
    expect(RAW_TEMP_DIR.test(["fs.mkdtempSync(path.join(os", "tmpdir(), 'tally-x-'))"].join('.'))).toBe(true);
    const raw = testSources().filter((f) => RAW_TEMP_DIR.test(fs.readFileSync(f, 'utf8')));
    expect(raw.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});

describe("the project's Vitest config", () => {
  it('removes the folders of each test file when it ends, keeping a site of a file whose test failed', async () => {
    const dir = tempDir('tally-config-');
    const report = (name: string) => path.join(dir, `${name}.json`);
    fs.writeFileSync(path.join(dir, 'passes.case.ts'), caseFile(report('passes'), false));
    fs.writeFileSync(path.join(dir, 'fails.case.ts'), caseFile(report('fails'), true));
    // The project's config, run over the two files above; its setup files are named from ROOT.
    fs.writeFileSync(
      path.join(dir, 'vitest.config.ts'),
      `import base from ${JSON.stringify(path.join(ROOT, 'vitest.config.ts'))};
const setupFiles = [base.test?.setupFiles ?? []].flat().map((f) => ${JSON.stringify(ROOT)} + '/' + f);
export default { ...base, test: { ...base.test, root: ${JSON.stringify(dir)}, include: ['*.case.ts'], exclude: [], globalSetup: [], setupFiles } };
`,
    );
    const { VITEST: _v, VITEST_WORKER_ID: _w, VITEST_POOL_ID: _p, TALLY_KEEP_SITES: _k, ...env } = process.env;
    const ran = await run(process.execPath, [path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', path.join(dir, 'vitest.config.ts')], { cwd: dir, env: { ...env, NO_COLOR: '1' } }).then(
      () => 'passed',
      (e: { stdout?: string }) => e.stdout ?? '',
    );
    expect(ran).toMatch(/1 failed \| 1 passed/);
    const made = (name: string) => JSON.parse(fs.readFileSync(report(name), 'utf8')) as { site: string; scratch: string };
    const exists = (m: { site: string; scratch: string }) => ({ site: fs.existsSync(m.site), scratch: fs.existsSync(m.scratch) });
    expect(exists(made('passes'))).toEqual({ site: false, scratch: false });
    expect(exists(made('fails'))).toEqual({ site: true, scratch: false });
    fs.rmSync(made('fails').site, { recursive: true });
  });
});
