import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeFlagshipSite, ROOT } from '../helpers/site.ts';

const run = promisify(execFile);

/** The per-issue lock entries on disk: file → its bytes. */
function entries(root: string): Map<string, string> {
  const dir = path.join(root, '.tally-cache', 'lock-issues');
  const files = fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()) : [];
  return new Map(files.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

describe('the lock computes an issue again only when its inputs changed', () => {
  it('keeps one entry per issue, rewrites only the changed issue, and still reports its drift', async () => {
    const site = makeFlagshipSite();
    await run(process.execPath, [`${ROOT}/scripts/figures.ts`], { cwd: site.root });
    const before = entries(site.root);
    expect(before.size).toBe(2);

    site.edit('data/fixture-claims.csv', (t) => t.replace(/\n(\d{4}-\d\d-\d\d),(\d+),/, '\n$1,999999,'));
    const drift = await run(process.execPath, [`${ROOT}/scripts/figures.ts`, '--check'], { cwd: site.root }).then(
      () => 'exit 0',
      (e: { stdout?: string; stderr?: string }) => `${e.stdout ?? ''}${e.stderr ?? ''}`,
    );
    expect(drift).toMatch(/fixture-claims\s+peak\s.*changed/);
    expect(drift).not.toMatch(/fixture-rotation\s.*changed/);

    const after = entries(site.root);
    const changed = [...after].filter(([f, text]) => before.get(f) !== text).map(([f]) => f);
    expect(after.size).toBe(2);
    expect(changed).toHaveLength(1);
    expect(after.get(changed[0]!)).toContain('"fixture-claims.csv"');
  });
});
