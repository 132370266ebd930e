import { getCollection, type CollectionEntry } from 'astro:content';

/** Issues to publish, newest first. Drafts show in `astro dev` and are left out of builds. */
export async function listIssues(): Promise<CollectionEntry<'issues'>[]> {
  const all = await getCollection('issues', (e) => import.meta.env.MODE === 'development' || !e.data.draft);
  return all.sort((a, b) => b.data.date.localeCompare(a.data.date) || a.id.localeCompare(b.id));
}
