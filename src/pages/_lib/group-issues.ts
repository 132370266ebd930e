import type { CollectionEntry } from 'astro:content';
import { tagSlug } from '../../core/site.ts';

type Issue = CollectionEntry<'issues'>;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export interface YearGroup {
  year: string;
  months: { key: string; name: string; issues: Issue[] }[];
}

/**
 * Issues by year, then month, in the order given (newest first from listIssues). Read from the
 * YYYY-MM-DD string itself, never through Date, so no time zone moves an issue across a month.
 */
export function groupByMonth(issues: readonly Issue[]): YearGroup[] {
  const years: YearGroup[] = [];
  for (const issue of issues) {
    const [year, month] = issue.data.date.split('-') as [string, string];
    let y = years.find((g) => g.year === year);
    if (!y) years.push((y = { year, months: [] }));
    const key = `${year}-${month}`;
    let m = y.months.find((g) => g.key === key);
    if (!m) y.months.push((m = { key, name: MONTHS[Number(month) - 1]!, issues: [] }));
    m.issues.push(issue);
  }
  return years;
}

export interface TagGroup {
  slug: string;
  label: string;
  issues: Issue[];
}

/**
 * Tags by slug, alphabetically. Spellings that share a slug ("Small caps", "small caps") are one
 * tag, shown with the first spelling met in the newest issue.
 */
export function groupByTag(issues: readonly Issue[]): TagGroup[] {
  const tags = new Map<string, TagGroup>();
  for (const issue of issues) {
    for (const tag of new Set(issue.data.tags.map(tagSlug))) {
      const label = issue.data.tags.find((t) => tagSlug(t) === tag)!;
      const group = tags.get(tag) ?? { slug: tag, label, issues: [] };
      group.issues.push(issue);
      tags.set(tag, group);
    }
  }
  return [...tags.values()].sort((a, b) => a.label.localeCompare(b.label, 'en', { sensitivity: 'base' }));
}
