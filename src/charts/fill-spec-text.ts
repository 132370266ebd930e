import path from 'node:path';
import type { Loc } from '../core/errors.ts';
import { fillPlaceholders, hasPlaceholders, lineColumnOf, type FigureText } from '../figures/placeholders.ts';
import type { SpecFile } from './read-spec.ts';

/** One text of a spec that readers see, where it sits (for messages), and how to replace it. */
export interface SpecText {
  text: string;
  /** e.g. `title.subtitle`, `layer[1].encoding.y.axis.title`. */
  where: string;
  set(text: string): void;
}

/** Keys under which a view holds views of its own. */
const SUBVIEWS = ['layer', 'concat', 'hconcat', 'vconcat', 'spec'] as const;

/**
 * Every reader-visible text of a Vega-Lite spec, in document order: each view's title (a
 * string, an array of lines, or `text` and `subtitle`), description, and the titles of its
 * channels, axes and legends; the same in layers, concats and facet or repeat specs.
 */
export function specTexts(spec: Record<string, unknown>): SpecText[] {
  const out: SpecText[] = [];
  view(spec, '', out);
  return out;
}

function view(node: Record<string, unknown>, at: string, out: SpecText[]): void {
  const title = node.title;
  if (isRecord(title)) {
    lines(title, 'text', `${at}title.text`, out);
    lines(title, 'subtitle', `${at}title.subtitle`, out);
  } else lines(node, 'title', `${at}title`, out);
  lines(node, 'description', `${at}description`, out);
  if (isRecord(node.encoding)) {
    for (const [channel, def] of Object.entries(node.encoding)) {
      const defs = Array.isArray(def) ? def : [def];
      defs.forEach((d, i) => {
        if (!isRecord(d)) return;
        const here = `${at}encoding.${channel}${Array.isArray(def) ? `[${i}]` : ''}`;
        lines(d, 'title', `${here}.title`, out);
        if (isRecord(d.axis)) lines(d.axis, 'title', `${here}.axis.title`, out);
        if (isRecord(d.legend)) lines(d.legend, 'title', `${here}.legend.title`, out);
        if (isRecord(d.header)) lines(d.header, 'title', `${here}.header.title`, out);
      });
    }
  }
  for (const key of SUBVIEWS) {
    const sub = node[key];
    if (Array.isArray(sub)) sub.forEach((s, i) => isRecord(s) && view(s, `${at}${key}[${i}].`, out));
    else if (isRecord(sub)) view(sub, `${at}${key}.`, out);
  }
}

/** A text that may be a string or an array of lines (one SpecText per line). */
function lines(holder: Record<string, unknown>, key: string, where: string, out: SpecText[]): void {
  const v = holder[key];
  if (typeof v === 'string') out.push({ text: v, where, set: (t) => (holder[key] = t) });
  else if (Array.isArray(v)) v.forEach((line, i) => typeof line === 'string' && out.push({ text: line, where: `${where}[${i}]`, set: (t) => (v[i] = t) }));
}

/**
 * The spec with every `{{figure}}` in its reader-visible texts replaced by the figure's text
 * (a copy; the spec read from the file is left as it is). An unknown figure or a bad format
 * fails with the spec file and the line of the placeholder.
 */
export function fillSpecText(file: SpecFile, figures: ReadonlyMap<string, FigureText>, issueDir: string): Record<string, unknown> {
  const texts = specTexts(file.spec);
  if (!texts.some((t) => hasPlaceholders(t.text))) return file.spec;
  const spec = structuredClone(file.spec);
  const issue = path.basename(issueDir);
  for (const t of specTexts(spec)) {
    if (hasPlaceholders(t.text)) t.set(fillPlaceholders(t.text, figures, issue, (offset) => textLoc(file, t.text, offset)));
  }
  return spec;
}

/**
 * The place in the spec file of the character at `offset` of a text: JSON strings hold no raw
 * line break, so the line is the line of the string literal (its first occurrence); the column
 * counts from the literal and is exact when nothing before it was escaped.
 */
export function textLoc(file: Pick<SpecFile, 'file' | 'text'>, text: string, offset: number): Loc {
  const literal = file.text.indexOf(JSON.stringify(text));
  if (literal >= 0) return { file: file.file, ...lineColumnOf(file.text, literal + 1 + offset) };
  // The literal was written with escapes: find what follows the offset instead.
  const near = file.text.indexOf(text.slice(offset, offset + 12));
  return near < 0 ? { file: file.file } : { file: file.file, ...lineColumnOf(file.text, near) };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
