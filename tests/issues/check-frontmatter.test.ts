import { afterEach, describe, expect, it } from 'vitest';
import { checkFrontmatter } from '../../src/issues/check-frontmatter.ts';
import { editProjectFile, tempProject } from '../helpers/data-dir.ts';

const FILE = 'content/issues/one/index.mdx';
const issue = (date: string) => `---\ntitle: One\ndate: ${date}\nasOf: 2026-01-05\nsummary: S.\nauthors: [A]\n---\n\nText.\n`;

afterEach(() => {
  delete process.env.TALLY_ROOT;
});

describe("checking an issue's front matter again", () => {
  it('fails on an edit after the same file passed, and passes again once it is fixed', () => {
    const root = tempProject({ [FILE]: issue('2026-01-05') });
    expect(() => checkFrontmatter(FILE)).not.toThrow();
    expect(() => checkFrontmatter(FILE)).not.toThrow();
    editProjectFile(root, FILE, issue('2026-13-10'));
    expect(() => checkFrontmatter(FILE)).toThrow(/date/);
    expect(() => checkFrontmatter(FILE)).toThrow(/date/);
    editProjectFile(root, FILE, issue('2026-01-06'));
    expect(() => checkFrontmatter(FILE)).not.toThrow();
  });

  it('checks the same path in another project on its own', () => {
    tempProject({ [FILE]: issue('2026-01-05') });
    expect(() => checkFrontmatter(FILE)).not.toThrow();
    tempProject({ [FILE]: issue('2026-02-30') });
    expect(() => checkFrontmatter(FILE)).toThrow(/date/);
  });
});
