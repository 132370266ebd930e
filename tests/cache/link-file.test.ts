import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { linkFile, linkFileSync } from '../../src/cache/link-file.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const tmp = tempDir('tally-link-file-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.each([
  ['in this thread', async (from: string, to: string) => linkFileSync(from, to)],
  ['through the thread pool', linkFile],
])('a cached file linked into the output, %s', (name, link) => {
  const dir = path.join(tmp, name.replace(/\W+/g, '-'));
  const from = path.join(dir, 'store', 'a.csv');
  fs.mkdirSync(path.dirname(from), { recursive: true });
  fs.writeFileSync(from, 'x,y\r\n1,2\r\n');

  it('makes the folder it needs, and shares the stored file (a link, not a copy)', async () => {
    const to = path.join(dir, 'out', 'charts', 'issue', 'a.csv');
    await link(from, to);
    expect(fs.statSync(to).ino).toBe(fs.statSync(from).ino);
    expect(fs.readFileSync(to, 'utf8')).toBe('x,y\r\n1,2\r\n');
  });

  it('replaces a file already at its place, whatever it held', async () => {
    const to = path.join(dir, 'out', 'b.csv');
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, 'stale');
    await link(from, to);
    expect(fs.statSync(to).ino).toBe(fs.statSync(from).ino);
  });

  it('fails when the stored file is gone, and writes nothing', async () => {
    const to = path.join(dir, 'out', 'gone', 'c.csv');
    await expect(link(path.join(dir, 'store', 'missing.csv'), to)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(fs.existsSync(to)).toBe(false);
  });
});
