import { fail, type Loc } from '../core/errors.ts';
import { formatValue, parseFormat } from './format.ts';

/**
 * A figure written into text that is not MDX prose (a chart's title, a front matter field):
 * `{{name}}` gives the figure's rendered text, `{{name|format}}` writes it with another format
 * (the formats of `<Fig format="…">`). Inside a JSON string it is plain text, so a spec that
 * holds placeholders stays valid Vega-Lite.
 */
export interface Placeholder {
  /** The figure's name, as written (trimmed). */
  name: string;
  /** The format after `|`, when one is given. */
  format: string | undefined;
  /** Offset of `{{` in the text, and just past `}}`. */
  start: number;
  end: number;
}

/** What a placeholder needs of a figure: the value (for a format override) and its rendered text. */
export interface FigureText {
  value: number | string;
  rendered: string;
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** Every `{{…}}` in a text, in order, with its offsets. */
export function findPlaceholders(text: string): Placeholder[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => {
    const inner = m[1]!;
    const bar = inner.indexOf('|');
    const name = (bar < 0 ? inner : inner.slice(0, bar)).trim();
    const format = bar < 0 ? undefined : inner.slice(bar + 1).trim();
    return { name, format, start: m.index, end: m.index + m[0].length };
  });
}

export function hasPlaceholders(text: string): boolean {
  return /\{\{[^{}]*\}\}/.test(text);
}

/** The text of one placeholder: the figure as `<Fig>` would show it, with the same failures. */
export function placeholderText(p: Placeholder, figures: ReadonlyMap<string, FigureText>, issue: string, loc: Loc): string {
  const figure = figures.get(p.name) ?? fail('UnknownPlaceholder', loc, p.name, issue, [...figures.keys()]);
  if (p.format === undefined) return figure.rendered;
  const spec = parseFormat(p.format, loc);
  try {
    return formatValue(figure.value, spec);
  } catch {
    return fail('BadFormat', loc, p.format, `figure "${p.name}" holds ${JSON.stringify(figure.value)}, which the ${spec.kind} format cannot write`);
  }
}

/**
 * The text with each placeholder replaced by its figure's text. The result is plain text: it
 * is escaped where it lands (HTML, SVG, XML), like any text. `locate` gives the place of a
 * placeholder (from its offset in `text`) for an error.
 */
export function fillPlaceholders(text: string, figures: ReadonlyMap<string, FigureText>, issue: string, locate: (offset: number) => Loc): string {
  let out = '';
  let at = 0;
  for (const p of findPlaceholders(text)) {
    out += text.slice(at, p.start) + placeholderText(p, figures, issue, locate(p.start));
    at = p.end;
  }
  return out + text.slice(at);
}

/** Line and column (1-based) of an offset in a text. */
export function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}
