import { getCollection, type CollectionEntry } from 'astro:content';
import { checkFrontmatter } from './check-frontmatter.ts';

/** Issues to publish, newest first. Drafts show in `astro dev` and are left out of builds. */
export async function listIssues(): Promise<CollectionEntry<'issues'>[]> {
  const all = await getCollection('issues');
  for (const entry of all) if (entry.filePath) checkFrontmatter(entry.filePath);
  const shown = all.filter((e) => import.meta.env.MODE === 'development' || !e.data.draft);
  return shown.sort((a, b) => b.data.date.localeCompare(a.data.date) || a.id.localeCompare(b.id));
}
