import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/site.ts';

const run = promisify(execFile);
const FIXTURE = path.join(ROOT, 'tests/fixtures/audit-prose');

/** Runs `npm run audit` (scripts/audit.ts) against a site root; resolves with the exit code. */
async function audit(root: string, ...args: string[]): Promise<{ code: number; out: string }> {
  const argv = [path.join(ROOT, 'scripts/audit.ts'), ...args];
  try {
    const r = await run(process.execPath, argv, { cwd: ROOT, env: { ...process.env, TALLY_ROOT: root } });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe('npm run audit', () => {
  it('lists the claims per issue with line:column and exits 0 by default', async () => {
    const r = await audit(FIXTURE);
    expect(r.code).toBe(0);
    expect(r.out).toContain('  8:16    3.5%       The index rose 3.5% on January 5, 2026');
    expect(r.out).toContain('  24:37   17         Data from 2024-12-31, revised 17 times.');
    expect(r.out).toContain('15 numerals in text readers see not produced by a figure, in 1 issue.');
  });

  it('reads the front matter and the texts of each chart the issue shows, each with its file and line', async () => {
    const r = await audit(FIXTURE);
    expect(r.out).toContain('content/issues/sample/index.mdx\n  2:21    42         title: Audit sample 42\n  4:36    99         summary: Front matter numbers like 99 are not prose.\n  8:16    3.5%');
    expect(r.out).toContain(
      [
        'content/issues/sample/c.vl.json',
        '  3:37    63.4%      title.text[0]: Small caps up 63.4%',
        '  3:99    12         title.subtitle: Best run since 2008, 12 sessions',
        '  4:47    7          description: Up <…> while 7 of 9 sectors fell.',
        '  4:52    9          description: Up <…> while 7 of 9 sectors fell.',
        '  8:74    100        encoding.x.axis.title: Day (base 100)',
        '  10:54   5          encoding.color.legend.title: Top 5',
      ].join('\n'),
    );
    // A placeholder is bound: neither it nor the digits of its format are findings.
    expect(r.out).not.toMatch(/Value|percent:1|since <…>/);
  });

  it('exits 1 with --strict when anything is found', async () => {
    expect((await audit(FIXTURE, '--strict')).code).toBe(1);
  });

  it('reads the allow-list from the site\'s tally.config.json', async () => {
    const r = await audit(FIXTURE, '--all');
    expect(r.out).toMatch(/13:35\s+500\s+\(allowed: S&P 500 \(index name\)\)/);
  });

  it('passes --strict on the flagship issue', async () => {
    const r = await audit(path.join(ROOT, 'tests/fixtures/flagship'), '--strict', 'fixture-rotation');
    expect(r.out).toContain('0 numerals in text readers see not produced by a figure, in 1 issue.');
    expect(r.code).toBe(0);
  });

  it('names the issues when asked for one that does not exist', async () => {
    const r = await audit(FIXTURE, 'sampel');
    expect(r.code).toBe(1);
    expect(r.out).toContain('Unknown issue: No issue or MDX file "sampel". Did you mean "sample"?');
    expect(r.out).toContain('Name an issue by its folder under content/issues (sample)');
  });
});

describe('the commands the README and docs write', () => {
  it('run through npm as written, with no npm warning: `npm run audit -- --strict`', async () => {
    let r: { code: number; out: string };
    try {
      // .npmrc hides npm's warnings (loglevel=error); the environment shows them again here.
      const ok = await run('npm', ['run', 'audit', '--', '--strict'], { cwd: ROOT, env: { ...process.env, TALLY_ROOT: FIXTURE, npm_config_loglevel: 'warn' } });
      r = { code: 0, out: ok.stdout + ok.stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      r = { code: err.code, out: err.stdout + err.stderr };
    }
    expect(r.out).toContain('15 numerals in text readers see not produced by a figure, in 1 issue.');
    expect(r.code).toBe(1);
    expect(r.out).not.toMatch(/npm warn/i);
  });

  it('pass a script its flags after `--`, never to npm itself', () => {
    const docs = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
    const commands = docs.flatMap((f) => [...fs.readFileSync(path.join(ROOT, f), 'utf8').matchAll(/npm run [\w:-]+(?: [^`|#\n]*)?/g)].map((m) => `${f}: ${m[0].trim()}`));
    expect(commands).toContain('README.md: npm run audit -- --strict');
    // A flag before any `--` goes to npm ("Unknown cli config"), not to the script.
    const flagToNpm = (c: string) => {
      const args = c.replace(/^[^:]+: npm run [\w:-]+/, '').split(/&&|;/)[0]!.trim().split(/\s+/);
      const end = args.indexOf('--');
      return (end < 0 ? args : args.slice(0, end)).some((a) => a.startsWith('-'));
    };
    expect(flagToNpm('README.md: npm run audit fixture-rotation --strict')).toBe(true);
    expect(commands.filter(flagToNpm)).toEqual([]);
  });
});
