import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { mapLimit } from '../core/map-limit.ts';

/** A built issue page and the sha256 of its bytes: what every build-end cache is keyed by. */
export interface IssuePageDigest {
  slug: string;
  /** `issues/<slug>/index.html`, relative to the output folder (for messages and reading). */
  file: string;
  digest: string;
}

/** Slugs of the issue pages in a build output folder (`issues/<slug>/index.html`), sorted. */
export function listIssuePages(outDir: string): string[] {
  const dir = path.join(outDir, 'issues');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'index.html')))
    .map((d) => d.name)
    .sort();
}

/**
 * Reads every issue page of the build once and digests it, for search, email and social cards
 * to share: a page is nearly 2 MB when it has many charts, and each step would otherwise read
 * and hash it again only to learn that nothing changed.
 */
export async function digestIssuePages(outDir: string): Promise<IssuePageDigest[]> {
  return mapLimit(listIssuePages(outDir), 4, async (slug) => {
    const file = `issues/${slug}/index.html`;
    const bytes = await fs.promises.readFile(path.join(outDir, file));
    return { slug, file, digest: createHash('sha256').update(bytes).digest('hex') };
  });
}
