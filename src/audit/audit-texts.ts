import type { Loc } from '../core/errors.ts';
import { findPlaceholders } from '../figures/placeholders.ts';
import { specTexts, textLoc } from '../charts/fill-spec-text.ts';
import type { SpecFile } from '../charts/read-spec.ts';
import { frontmatterTexts } from '../issues/frontmatter-texts.ts';
import { classifyNumerals } from './classify-numeral.ts';
import { HOLE } from './flatten-prose.ts';
import { contextOf, type Finding } from './audit-prose.ts';

/** One reader-visible text outside the prose: what it is (for the listing) and where its characters are. */
interface Text {
  field: string;
  text: string;
  locate(offset: number): Loc;
}

/** Numerals in an MDX file's front matter title, summary and headline, with their line and column. */
export function auditFrontmatter(source: string, file: string, allow: ReadonlyMap<string, string>): Finding[] {
  return auditTexts(frontmatterTexts(source, file), allow);
}

/** Numerals in a spec's titles, subtitles, description, and channel, axis and legend titles, with their line and column in the spec file. */
export function auditSpec(file: Pick<SpecFile, 'file' | 'text' | 'spec'>, allow: ReadonlyMap<string, string>): Finding[] {
  return auditTexts(
    specTexts(file.spec).map((t) => ({ field: t.where, text: t.text, locate: (offset: number) => textLoc(file, t.text, offset) })),
    allow,
  );
}

/**
 * A `{{figure}}` is bound, so it becomes a hole: never a finding, and no rule reads across it
 * (its format's digits, `percent:1`, are not prose either).
 */
function auditTexts(texts: readonly Text[], allow: ReadonlyMap<string, string>): Finding[] {
  const findings: Finding[] = [];
  for (const t of texts) {
    // The text with each placeholder as one HOLE, and the offset in t.text of each character.
    let text = '';
    const offsets: number[] = [];
    let from = 0;
    for (const p of [...findPlaceholders(t.text), { start: t.text.length, end: t.text.length }]) {
      for (let i = from; i < p.start; i++) offsets.push(i);
      text += t.text.slice(from, p.start);
      if (p.end > p.start) (text += HOLE), offsets.push(p.start);
      from = p.end;
    }
    for (const n of classifyNumerals(text, allow)) {
      const at = t.locate(offsets[n.index]!);
      findings.push({ line: at.line ?? 1, column: at.column ?? 1, numeral: n.text, context: `${t.field}: ${contextOf(text, n.index, n.text.length)}`, skip: n.skip });
    }
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

