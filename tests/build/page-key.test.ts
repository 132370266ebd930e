import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Astro's test for a module that reads the env object itself (astro/dist/env/vite-plugin-import-meta-env.js). */
const BARE_ENV = /\bimport\.meta\.env\b(?!\.)/;

function sources(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.(m?ts|astro)$/.test(f)).map((f) => path.join(dir, f));
}

/**
 * A page's key in Astro's incremental build includes the code of every module it imports. Astro
 * writes into a module that reads the env object whole (not one property of it) the value of
 * every environment variable whose name its text contains, and `_` (the shell's last command) is
 * in any text with an underscore: such a module made every page render again whenever the build
 * was started another way (`npm run build`, `npx astro build`, from a script).
 */
describe('the code of the pages does not depend on the environment the build was started from', () => {
  it('no module of src reads the env object whole', () => {
    const src = path.join(import.meta.dirname, '..', '..', 'src');
    const files = sources(src);
    expect(files.length).toBeGreaterThan(50);
    const bare = files.filter((f) => BARE_ENV.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(src, f));
    expect(bare).toEqual([]);
  });

  it('the test finds the forms that Astro replaces', () => {
    for (const form of ['import.meta.env?.MODE', 'const e = import.meta.env;', '(import.meta.env ?? {}).MODE']) expect(BARE_ENV.test(form), form).toBe(true);
    expect(BARE_ENV.test('import.meta.env.MODE')).toBe(false);
  });
});
