import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { restoredPageDigests } from '../cache/astro-restored-pages.ts';
import { mapLimit } from '../core/map-limit.ts';
import { listIssueSlugs } from '../issues/read-issues.ts';

/** A built issue page and the sha256 of its bytes: what every build-end cache is keyed by. */
export interface IssuePageDigest {
  slug: string;
  /** `issues/<slug>/index.html`, relative to the output folder (for messages and reading). */
  file: string;
  digest: string;
}

/** Slugs of the issues whose page the build wrote (`issues/<slug>/index.html`), sorted. */
export function listIssuePages(outDir: string): string[] {
  return listIssueSlugs().filter((slug) => fs.existsSync(path.join(outDir, 'issues', slug, 'index.html')));
}

/**
 * Every issue page of the build with its digest, for search, email and social cards to share: a
 * page is nearly 2 MB when it has many charts, and each step would otherwise read and hash it
 * again only to learn that nothing changed. A page Astro copied from its cache has the digest
 * recorded of that copy (restoredPageDigests says when that is sure); any other is read once.
 */
export async function digestIssuePages(outDir: string): Promise<IssuePageDigest[]> {
  const restored = restoredPageDigests(outDir);
  return mapLimit(listIssuePages(outDir), 4, async (slug) => {
    const file = `issues/${slug}/index.html`;
    const known = restored.get(file);
    if (known) return { slug, file, digest: known };
    const bytes = await fs.promises.readFile(path.join(outDir, file));
    return { slug, file, digest: createHash('sha256').update(bytes).digest('hex') };
  });
}
