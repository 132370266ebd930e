import fs from 'node:fs';
import path from 'node:path';
import type { CollectionEntry } from 'astro:content';
import { fail, type Loc } from '../../core/errors.ts';
import { figureNote, isIllustrative } from '../../figures/provenance.ts';
import { issueDir, loadIssueFigures } from '../../issues/load-issue-figures.ts';

/** The figure an issue names in `headline:`, as the home page shows it. */
export interface Headline {
  name: string;
  text: string;
  description: string;
  note: string;
  illustrative: boolean;
}

/** The issue's headline figure, computed as on its page; an unknown name fails at its front-matter line. */
export async function headlineOf(issue: CollectionEntry<'issues'>): Promise<Headline | undefined> {
  const name = issue.data.headline;
  if (name === undefined) return undefined;
  const { figures } = await loadIssueFigures(issue.id, issue.data.asOf);
  const figure = figures.get(name) ?? fail('UnknownHeadline', headlineLoc(issue.id), name, issue.id, [...figures.keys()]);
  return {
    name,
    text: figure.rendered,
    description: figure.description,
    note: figureNote(figure.description, figure.sources, figure.asOf),
    illustrative: isIllustrative(figure.sources),
  };
}

/** content/issues/<slug>/index.mdx with the line and column of the `headline:` value. */
function headlineLoc(slug: string): Loc {
  const file = `content/issues/${slug}/index.mdx`;
  let lines: string[] = [];
  try {
    lines = fs.readFileSync(path.join(issueDir(slug), 'index.mdx'), 'utf8').split(/\r?\n/);
  } catch {
    return { file };
  }
  const end = lines.indexOf('---', 1);
  const at = lines.slice(0, end < 0 ? undefined : end).findIndex((l) => /^headline\s*:/.test(l));
  if (at < 0) return { file };
  const column = /^headline\s*:\s*/.exec(lines[at]!)![0].length + 1;
  return { file, line: at + 1, column };
}
