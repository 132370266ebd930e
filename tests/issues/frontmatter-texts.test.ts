import { describe, expect, it } from 'vitest';
import type { FigureText } from '../../src/figures/placeholders.ts';
import { fillFrontmatter, frontmatterTexts, headlineFigure } from '../../src/issues/frontmatter-texts.ts';
import { caught } from '../adversarial/errors.ts';

const FILE = 'content/issues/sample/index.mdx';
const SOURCE = `---
title: Small caps {{smallYtd}} since November
date: 2026-01-10
summary: "Led by {{leader}}: up {{smallYtd|percent:0}}"
headline: '{{smallYtd|+percent:2}} year to date'
tags: [a]
---

Body.
`;
const FIGURES = new Map<string, FigureText>([
  ['smallYtd', { value: 0.634, rendered: '+63.4%' }],
  ['leader', { value: 'A<&"B', rendered: 'A<&"B' }],
]);
const DATA = { title: 'Small caps {{smallYtd}} since November', summary: 'Led by {{leader}}: up {{smallYtd|percent:0}}', headline: '{{smallYtd|+percent:2}} year to date' };


describe('reader-visible front matter', () => {
  it('finds title, summary and headline with the place of each character in the file', () => {
    const texts = frontmatterTexts(SOURCE, FILE);
    expect(texts.map((t) => [t.field, t.text])).toEqual([
      ['title', DATA.title],
      ['summary', DATA.summary],
      ['headline', DATA.headline],
    ]);
    expect(texts.map((t) => t.locate(t.text.indexOf('{{')))).toEqual([
      { file: FILE, line: 2, column: 19 },
      { file: FILE, line: 4, column: 18 },
      { file: FILE, line: 5, column: 12 },
    ]);
  });

  it('fills each field from the figures; a placeholder headline notes its first figure', () => {
    expect(fillFrontmatter(DATA, SOURCE, FILE, 'sample', FIGURES)).toEqual({
      title: 'Small caps +63.4% since November',
      summary: 'Led by A<&"B: up 63%',
      headline: { name: 'smallYtd', text: '+63.40% year to date' },
    });
  });

  it('keeps `headline: name` naming one figure, shown as it renders', () => {
    const source = SOURCE.replace(/^headline: .*$/m, 'headline: leader');
    expect(fillFrontmatter({ ...DATA, headline: 'leader' }, source, FILE, 'sample', FIGURES).headline).toEqual({ name: 'leader', text: 'A<&"B' });
    const e = caught(() => fillFrontmatter({ ...DATA, headline: 'leadr' }, source.replace('headline: leader', 'headline: leadr'), FILE, 'sample', FIGURES));
    expect(e.code).toBe('UnknownHeadline');
    expect(e.where).toEqual({ file: FILE, line: 5, column: 11 });
  });

  it('fails on an unknown figure at its line in the front matter, with a did-you-mean', () => {
    const source = SOURCE.replace('{{leader}}', '{{leadr}}');
    const e = caught(() => fillFrontmatter({ ...DATA, summary: DATA.summary.replace('leader', 'leadr') }, source, FILE, 'sample', FIGURES));
    expect(e.code).toBe('UnknownPlaceholder');
    expect(e.message).toBe(`${FILE}:4:18: {{leadr}} names no figure of issue "sample". Did you mean "leader"?`);
  });

  it('names the headline\'s figure: the name itself, or the first figure of a headline written as text', () => {
    expect(headlineFigure('streak')).toBe('streak');
    expect(headlineFigure('{{ smallYtd|+percent:2 }} year to date, {{leader}}')).toBe('smallYtd');
  });
});
