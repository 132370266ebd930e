import fs from 'node:fs';
import path from 'node:path';
import { fail } from '../core/errors.ts';
import { parseFrontmatter } from './check-frontmatter.ts';
import type { IssueData } from './frontmatter.ts';
import { issuesDir, rel } from '../core/paths.ts';

/** An issue read from disk outside Astro: its slug, files and validated front matter. */
export interface IssueSource {
  slug: string;
  /** Absolute folder of the issue. */
  dir: string;
  /** `content/issues/<slug>/index.mdx`, relative to the project root. */
  file: string;
  data: IssueData;
  /** The whole MDX text, front matter included (positions count from its first line). */
  text: string;
}

/**
 * Slugs of every folder under content/issues that holds an index.mdx, sorted: what an issue is,
 * for the site (list-issues.ts), the lock, the audit and the build's renditions alike.
 */
export function listIssueSlugs(): string[] {
  const dir = issuesDir();
  if (!fs.existsSync(dir)) return [];
  const slugs = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'index.mdx')))
    .map((d) => d.name)
    .sort();
  refuseCaseCollisions(slugs);
  return slugs;
}

/** Folders that differ only by case would collide on case-insensitive hosts and file systems. */
export function refuseCaseCollisions(slugs: readonly string[]): void {
  const seen = new Map<string, string>();
  for (const slug of slugs) {
    const other = seen.get(slug.toLowerCase());
    if (other) fail('DuplicateSlug', { file: `content/issues/${slug}/index.mdx` }, slug, other);
    seen.set(slug.toLowerCase(), slug);
  }
}

/** Whether an issue is shown: drafts only in `astro dev`, never in builds, feeds or the lock. */
export function isShown(data: { draft: boolean }, dev: boolean): boolean {
  return dev || !data.draft;
}

/**
 * Reads one issue and validates its front matter exactly as the site does (YAML 1.2, the
 * collection's schema), so a field the build would refuse is refused here too, with its line.
 */
export function readIssue(slug: string): IssueSource {
  const dir = path.join(issuesDir(), slug);
  const abs = path.join(dir, 'index.mdx');
  const file = rel(abs);
  const text = fs.readFileSync(abs, 'utf8');
  return { slug, dir, file, data: parseFrontmatter(file, text), text };
}
