import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareChart } from '../../src/charts/build-chart.ts';
import type { CalendarDate } from '../../src/data/calendar-date.ts';
import { manifestEntry, tempProject } from '../helpers/data-dir.ts';

afterEach(() => {
  delete process.env.TALLY_ROOT;
});

const spec = (title: unknown) =>
  JSON.stringify({ title, description: 'Daily values.', data: { url: 'v.csv' }, mark: 'line', encoding: { x: { field: 'date', type: 'temporal' }, y: { field: 'v', type: 'quantitative' } } });

function caption(title: unknown) {
  const root = tempProject({
    'data/manifest.yaml': manifestEntry('v.csv', { date: 'date', v: 'number' }),
    'data/v.csv': 'date,v\r\n2026-01-02,1\r\n',
    'content/issues/c/chart.vl.json': spec(title),
  });
  const prepared = prepareChart({ ref: './chart.vl.json', issueDir: path.join(root, 'content/issues/c'), usage: { file: 'content/issues/c/index.mdx', line: 2, column: 1 }, asOf: '2026-01-31' as CalendarDate, datasets: new Map() });
  return { title: prepared.title, subtitle: prepared.subtitle, drawnTitle: prepared.spec.title };
}

describe("a chart's caption", () => {
  it('takes the title in every form Vega-Lite allows, with its subtitle, and leaves neither to the drawing', () => {
    expect(caption('Widgets')).toEqual({ title: 'Widgets', subtitle: '', drawnTitle: undefined });
    expect(caption(['Widgets', 'by day'])).toEqual({ title: 'Widgets by day', subtitle: '', drawnTitle: undefined });
    expect(caption({ text: 'Widgets', subtitle: 'Rebased to 100 at the peak' })).toEqual({ title: 'Widgets', subtitle: 'Rebased to 100 at the peak', drawnTitle: undefined });
    expect(caption({ text: ['Widgets', 'sold'], subtitle: ['Two', 'lines'] })).toEqual({ title: 'Widgets sold', subtitle: 'Two lines', drawnTitle: undefined });
  });
});
