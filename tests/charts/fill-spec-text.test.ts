import { describe, expect, it } from 'vitest';
import { fillSpecText, specTexts } from '../../src/charts/fill-spec-text.ts';
import { TallyError } from '../../src/core/errors.ts';
import type { FigureText } from '../../src/figures/placeholders.ts';

const FIGURES = new Map<string, FigureText>([
  ['gain', { value: 0.634, rendered: '+63.4%' }],
  ['leader', { value: 'A<&"B', rendered: 'A<&"B' }],
]);

const SPEC = {
  title: { text: ['Small caps {{gain}}', 'since November'], subtitle: 'Led by {{leader}}' },
  description: 'Up {{gain|percent:0}}.',
  encoding: { y: { field: 'v', type: 'quantitative', axis: { title: 'Gain ({{gain}})' } }, color: { field: 'k', legend: { title: '{{leader}}' } }, tooltip: [{ field: 'v', title: 'v {{gain}}' }] },
  layer: [{ mark: 'line', title: ['{{leader}}'], encoding: { x: { field: 'd', title: 'Day {{gain}}' } } }],
  hconcat: [{ description: 'inner {{gain}}' }],
  facet: { row: { field: 'r' } },
  spec: { encoding: { x: { field: 'd', axis: { title: 'facet {{gain}}' } } } },
};
const file = (spec: Record<string, unknown>) => {
  const text = JSON.stringify(spec, null, 2);
  return { abs: '/x/a.vl.json', file: 'content/issues/one/a.vl.json', text, spec: JSON.parse(text) as Record<string, unknown> };
};

describe('the reader-visible texts of a spec', () => {
  it('are found in every title form, the description, channel, axis and legend titles, and in sub-views', () => {
    expect(specTexts(file(SPEC).spec).map((t) => t.where)).toEqual([
      'title.text[0]',
      'title.text[1]',
      'title.subtitle',
      'description',
      'encoding.y.axis.title',
      'encoding.color.legend.title',
      'encoding.tooltip[0].title',
      'layer[0].title[0]',
      'layer[0].encoding.x.title',
      'hconcat[0].description',
      'spec.encoding.x.axis.title',
    ]);
  });

  it('are filled from the figures, leaving the file\'s spec as it was', () => {
    const f = file(SPEC);
    const filled = fillSpecText(f, FIGURES, '/x/content/issues/one');
    expect(specTexts(filled).map((t) => t.text)).toEqual([
      'Small caps +63.4%',
      'since November',
      'Led by A<&"B',
      'Up 63%.',
      'Gain (+63.4%)',
      'A<&"B',
      'v +63.4%',
      'A<&"B',
      'Day +63.4%',
      'inner +63.4%',
      'facet +63.4%',
    ]);
    expect((f.spec.title as { subtitle: string }).subtitle).toBe('Led by {{leader}}');
  });

  it('returns the spec itself when it holds no placeholder', () => {
    const f = file({ title: 'Plain', description: 'No figures.' });
    expect(fillSpecText(f, new Map(), '/x/content/issues/one')).toBe(f.spec);
  });

  it('fails on an unknown figure at the line of the placeholder in the file, with a did-you-mean', () => {
    const f = file({ title: 'Plain', description: 'No figures.', encoding: { y: { axis: { title: 'Up {{gian}}' } } } });
    let error: unknown;
    try {
      fillSpecText(f, FIGURES, '/x/content/issues/one');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TallyError);
    const line = f.text.split('\n').findIndex((l) => l.includes('{{gian}}')) + 1;
    expect((error as TallyError).where).toMatchObject({ file: 'content/issues/one/a.vl.json', line });
    expect((error as TallyError).message).toContain('{{gian}} names no figure of issue "one". Did you mean "gain"?');
  });
});
