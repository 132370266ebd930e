import { getCollection, type CollectionEntry } from 'astro:content';
import { checkFrontmatter } from './check-frontmatter.ts';
import { isShown, refuseCaseCollisions } from './read-issues.ts';

/** Issues to publish, newest first, as Astro's collection holds them (for rendering). Drafts show in `astro dev` only. */
export async function listIssues(): Promise<CollectionEntry<'issues'>[]> {
  const all = await getCollection('issues');
  for (const entry of all) if (entry.filePath) checkFrontmatter(entry.filePath);
  refuseCaseCollisions(all.map((e) => e.id).sort());
  const shown = all.filter((e) => isShown(e.data, import.meta.env.MODE === 'development'));
  return shown.sort((a, b) => b.data.date.localeCompare(a.data.date) || a.id.localeCompare(b.id));
}
