import fs from 'node:fs';
import path from 'node:path';
import type { CollectionEntry } from 'astro:content';
import { projectRoot } from '../core/paths.ts';
import { hasPlaceholders } from '../figures/placeholders.ts';
import { fillFrontmatter, type ReaderFrontmatter } from './frontmatter-texts.ts';
import { loadIssueFigures } from './load-issue-figures.ts';

/**
 * What readers see of an issue's front matter (title, summary, headline) with its figures
 * written in: the one reading for the page, its <title> and meta tags, the home, archive and
 * tag lists, the feed, and through the page the email, the social card and search.
 */
export async function readerFrontmatter(issue: CollectionEntry<'issues'>): Promise<ReaderFrontmatter> {
  const file = issue.filePath ?? `content/issues/${issue.id}/index.mdx`;
  const source = fs.readFileSync(path.resolve(projectRoot(), file), 'utf8');
  const { title, summary, headline } = issue.data;
  // A list of a large archive computes no figures for the issues that write none in these fields.
  const needs = headline !== undefined || [title, summary].some(hasPlaceholders);
  const figures = needs ? (await loadIssueFigures(issue.id, issue.data.asOf)).figures : new Map();
  return fillFrontmatter(issue.data, source, file, issue.id, figures);
}
