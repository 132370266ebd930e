import { getCollection, type CollectionEntry } from 'astro:content';
import { fail } from '../core/errors.ts';
import { checkFrontmatter } from './check-frontmatter.ts';

/** Issues to publish, newest first. Drafts show in `astro dev` and are left out of builds. */
export async function listIssues(): Promise<CollectionEntry<'issues'>[]> {
  const all = await getCollection('issues');
  const seen = new Map<string, string>();
  for (const entry of all) {
    if (entry.filePath) checkFrontmatter(entry.filePath);
    // Folders that differ only by case would collide on case-insensitive hosts and file systems.
    const other = seen.get(entry.id.toLowerCase());
    if (other) fail('DuplicateSlug', { file: entry.filePath ?? `content/issues/${entry.id}` }, entry.id, other);
    seen.set(entry.id.toLowerCase(), entry.id);
  }
  const shown = all.filter((e) => import.meta.env.MODE === 'development' || !e.data.draft);
  return shown.sort((a, b) => b.data.date.localeCompare(a.data.date) || a.id.localeCompare(b.id));
}
