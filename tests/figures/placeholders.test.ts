import { describe, expect, it } from 'vitest';
import { fillPlaceholders, findPlaceholders, lineColumnOf, type FigureText } from '../../src/figures/placeholders.ts';
import { caught } from '../adversarial/errors.ts';

const FIGURES = new Map<string, FigureText>([
  ['smallYtd', { value: 0.0634, rendered: '+6.3%' }],
  ['cuts', { value: 3, rendered: '3' }],
  ['leader', { value: 'Russell <2000> & "friends"', rendered: 'Russell <2000> & "friends"' }],
]);
const fill = (text: string) => fillPlaceholders(text, FIGURES, 'sample', (offset) => ({ file: 'x.vl.json', ...lineColumnOf(text, offset) }));

describe('figure placeholders', () => {
  it('finds each placeholder with its name, format and offsets', () => {
    expect(findPlaceholders('Up {{smallYtd}}, or {{ smallYtd | percent:2 }}.')).toEqual([
      { name: 'smallYtd', format: undefined, start: 3, end: 15 },
      { name: 'smallYtd', format: 'percent:2', start: 20, end: 46 },
    ]);
    expect(findPlaceholders('no figure here, {single} braces')).toEqual([]);
  });

  it('fills the rendered text, or the value in the format given', () => {
    expect(fill('Small caps {{smallYtd}} since November')).toBe('Small caps +6.3% since November');
    expect(fill('{{smallYtd|percent:2}} / {{smallYtd|abs:percent:0}} / {{cuts|ordinal}} cut')).toBe('6.34% / 6% / 3rd cut');
  });

  it('leaves text from data as text: escaping is for where it lands', () => {
    expect(fill('Leader: {{leader}}')).toBe('Leader: Russell <2000> & "friends"');
  });

  it('fails on an unknown name with its place and a did-you-mean', () => {
    const e = caught(() => fill('line one\nSmall caps {{smalYtd}} up'));
    expect(e.code).toBe('UnknownPlaceholder');
    expect(e.where).toEqual({ file: 'x.vl.json', line: 2, column: 12 });
    expect(e.message).toBe('x.vl.json:2:12: {{smalYtd}} names no figure of issue "sample". Did you mean "smallYtd"?');
    expect(e.hint).toContain('content/issues/sample/figures.ts: smallYtd, cuts, leader');
  });

  it('fails on a bad format as <Fig format> does', () => {
    expect(caught(() => fill('{{cuts|percent:x}}')).code).toBe('BadFormat');
    expect(caught(() => fill('{{leader|percent}}')).message).toContain('figure "leader" holds');
  });
});
