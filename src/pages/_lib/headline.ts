import type { CollectionEntry } from 'astro:content';
import { figureNote, isIllustrative } from '../../figures/provenance.ts';
import { loadIssueFigures } from '../../issues/load-issue-figures.ts';
import { readerFrontmatter } from '../../issues/reader-frontmatter.ts';

/** The figure an issue names in `headline:`, as the home page shows it. */
export interface Headline {
  name: string;
  text: string;
  description: string;
  note: string;
  illustrative: boolean;
}

/**
 * The issue's headline, computed as on its page: `headline: name` shows that figure, a headline
 * with `{{…}}` its filled text, noted with the first figure it names. An unknown name fails at
 * its front-matter line.
 */
export async function headlineOf(issue: CollectionEntry<'issues'>): Promise<Headline | undefined> {
  const { headline } = await readerFrontmatter(issue);
  if (headline === undefined) return undefined;
  const { name, text } = headline;
  const { figures } = await loadIssueFigures(issue.id, issue.data.asOf);
  const figure = figures.get(name)!;
  return {
    name,
    text,
    description: figure.description,
    note: figureNote(figure.description, figure.sources, figure.asOf),
    illustrative: isIllustrative(figure.sources),
  };
}
