import { LineCounter, parseDocument, isScalar } from 'yaml';
import { fail, type Loc } from '../core/errors.ts';
import { fillPlaceholders, findPlaceholders, hasPlaceholders, lineColumnOf, type FigureText } from '../figures/placeholders.ts';

/** The front matter fields readers see as text (page, home, feed, email, card, search, meta tags). */
export const READER_FIELDS = ['title', 'summary', 'headline'] as const;
export type ReaderField = (typeof READER_FIELDS)[number];

/** One reader-visible front matter text, and where each of its characters sits in the MDX file. */
export interface FrontmatterText {
  field: ReaderField;
  text: string;
  /** The place in the file of the character at `offset` of `text`. */
  locate(offset: number): Loc;
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?(\n|$)/;

/**
 * The title, summary and headline of an MDX file's front matter as YAML reads them, each with
 * its place in the file. A plain or quoted scalar on one line maps each character exactly; a
 * folded or escaped one maps to where the same characters are written, else to its first line.
 */
export function frontmatterTexts(source: string, file: string): FrontmatterText[] {
  const m = FRONTMATTER.exec(source);
  if (!m) return [];
  const start = source.indexOf('\n') + 1;
  const doc = parseDocument(m[1]!, { lineCounter: new LineCounter(), prettyErrors: false });
  if (doc.errors.length) return [];
  const out: FrontmatterText[] = [];
  for (const field of READER_FIELDS) {
    const node = doc.get(field, true);
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) continue;
    const text = node.value;
    const [from, to] = [start + node.range[0], start + node.range[1]];
    const raw = source.slice(from, to);
    out.push({
      field,
      text,
      locate(offset) {
        // Where this character and the few after it are written in the raw scalar.
        const probe = text.slice(offset, offset + 8);
        const quote = raw.startsWith('"') || raw.startsWith("'") ? 1 : 0;
        const exact = raw.slice(quote, quote + text.length) === text ? quote + offset : -1;
        const found = exact >= 0 ? exact : raw.indexOf(probe);
        return { file, ...lineColumnOf(source, from + Math.max(found, 0)) };
      },
    });
  }
  return out;
}

/** The front matter an issue shows readers, with every `{{figure}}` filled. */
export interface ReaderFrontmatter {
  title: string;
  summary: string;
  /** The headline as readers see it: a figure's text (`headline: name`), or the filled text. */
  headline: { name: string; text: string } | undefined;
}

/**
 * Fills the placeholders of an issue's title, summary and headline from its figures (an unknown
 * name fails at its line in the front matter). `headline: name` keeps naming one figure; a
 * headline holding `{{…}}` is text, whose figure (for its note) is the first it names.
 */
export function fillFrontmatter(
  data: { title: string; summary: string; headline?: string | undefined },
  source: string,
  file: string,
  issue: string,
  figures: ReadonlyMap<string, FigureText>,
): ReaderFrontmatter {
  const texts = new Map(frontmatterTexts(source, file).map((t) => [t.field, t]));
  const fill = (field: ReaderField, value: string): string => {
    if (!hasPlaceholders(value)) return value;
    const at = texts.get(field);
    return fillPlaceholders(value, figures, issue, (offset) => (at && at.text === value ? at.locate(offset) : { file }));
  };
  const headline = data.headline;
  let head: ReaderFrontmatter['headline'];
  if (headline !== undefined) {
    const name = headlineFigure(headline);
    if (hasPlaceholders(headline)) head = { name, text: fill('headline', headline) };
    else {
      const figure = figures.get(headline) ?? fail('UnknownHeadline', texts.get('headline')?.locate(0) ?? { file }, headline, issue, [...figures.keys()]);
      head = { name: headline, text: figure.rendered };
    }
  }
  return { title: fill('title', data.title), summary: fill('summary', data.summary), headline: head };
}

/** The figure a `headline:` names: the name itself, or the first figure of a headline written as text. */
export function headlineFigure(headline: string): string {
  const first = findPlaceholders(headline)[0];
  return first ? first.name : headline;
}
