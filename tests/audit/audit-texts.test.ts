import { describe, expect, it } from 'vitest';
import { auditFrontmatter, auditSpec } from '../../src/audit/audit-texts.ts';

const ALLOW = new Map([['S&P 500', 'index name']]);
const claims = (found: { line: number; column: number; numeral: string; skip: string | undefined }[]) =>
  found.filter((f) => !f.skip).map((f) => `${f.line}:${f.column} ${f.numeral}`);

describe('the audit of texts outside the prose', () => {
  it('reads front matter title, summary and headline with their lines, and skips what a figure writes', () => {
    const source = [
      '---',
      'title: Small caps up 63.4% since November',
      'date: 2026-01-22',
      'summary: "Small caps rose 71.3% in a month; {{gain|percent:1}} since 2025 for the S&P 500."',
      'headline: "{{gain}} in 12 sessions"',
      'authors: [Tester]',
      '---',
      '',
      'Prose 5 is not read here.',
    ].join('\n');
    expect(claims(auditFrontmatter(source, 'x.mdx', ALLOW))).toEqual(['2:22 63.4%', '4:27 71.3%', '5:24 12']);
    expect(auditFrontmatter(source, 'x.mdx', ALLOW).find((f) => f.numeral === '71.3%')!.context).toBe('summary: Small caps rose 71.3% in a month; <…> since 2025 for…');
  });

  it('reads every title form, the subtitle, description, axis and legend titles of a spec, in layers too', () => {
    const spec = {
      title: { text: ['Up 63.4%', '{{gain}} today'], subtitle: ['Best in 12 years'] },
      description: 'Seven of 9 sectors fell.',
      encoding: { x: { axis: { title: 'Base 100' } }, color: { legend: { title: 'Top 5' } } },
      layer: [{ title: 'Layer 3', encoding: { y: { title: 'Rank 2' } } }],
    };
    const text = JSON.stringify(spec, null, 1);
    const found = auditSpec({ file: 'a.vl.json', text, spec: JSON.parse(text) as Record<string, unknown> }, ALLOW);
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(found.filter((f) => !f.skip).map((f) => [f.line, f.numeral, f.context.split(':')[0]])).toEqual([
      [lineOf('Up 63.4%'), '63.4%', 'title.text[0]'],
      [lineOf('Best in 12'), '12', 'title.subtitle[0]'],
      [lineOf('Seven of 9'), '9', 'description'],
      [lineOf('Base 100'), '100', 'encoding.x.axis.title'],
      [lineOf('Top 5'), '5', 'encoding.color.legend.title'],
      [lineOf('Layer 3'), '3', 'layer[0].title'],
      [lineOf('Rank 2'), '2', 'layer[0].encoding.y.title'],
    ]);
  });
});
