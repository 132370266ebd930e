import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bindSpecData } from '../../src/charts/bind-spec-data.ts';
import { readSpec } from '../../src/charts/read-spec.ts';
import { validateSpec } from '../../src/charts/validate-spec.ts';
import type { CalendarDate } from '../../src/data/calendar-date.ts';
import type { ComputedDataset } from '../../src/figures/compute-figures.ts';
import { manifestEntry, tempProject } from '../helpers/data-dir.ts';
import { caught } from './errors.ts';

afterEach(() => {
  delete process.env.TALLY_ROOT;
});

const usage = { file: 'content/issues/a/index.mdx', line: 7, column: 1 };
const asOf = '2026-01-31' as CalendarDate;
const SPEC = 'content/issues/a/c.vl.json';

/** A project with prices.csv in data/ and one spec beside issue "a"; returns the spec as read. */
function withSpec(spec: object | string) {
  const text = typeof spec === 'string' ? spec : JSON.stringify(spec, null, 2);
  const root = tempProject({
    'data/manifest.yaml': manifestEntry('prices.csv', { date: 'date', price: 'number' }),
    'data/prices.csv': 'date,price\n2026-01-02,1\n2026-01-05,2\n',
    [SPEC]: text,
  });
  return readSpec('./c.vl.json', path.join(root, 'content/issues/a'), usage);
}

const base = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title: 'T', description: 'D', data: { url: 'prices.csv' }, mark: 'line', encoding: { x: { field: 'date', type: 'temporal' }, y: { field: 'price', type: 'quantitative' } } };
const bind = (spec: object, datasets = new Map<string, ComputedDataset>()) => bindSpecData(withSpec(spec), asOf, datasets);

describe('adversarial chart specs', () => {
  it('an invalid mark names the spec line, the allowed marks and the closest one', () => {
    const e = caught(() => validateSpec(withSpec({ ...base, mark: 'lines' })));
    expect(e.where).toEqual({ file: SPEC, line: 8 });
    expect(e.message).toMatch(new RegExp(`^${SPEC.replaceAll('.', '\\.')}:8: The file is not a valid Vega-Lite spec: /mark must be one of "boxplot", .*"line".*, not "lines" \\(did you mean "line"\\?\\)\\.$`));
  });

  it('an unknown property names the property, its path and line', () => {
    const e = caught(() => validateSpec(withSpec({ ...base, encoding: { ...base.encoding, x: { field: 'date', type: 'temporal', colour: 'red' } } })));
    expect(e.message).toBe(`${SPEC}:13: The file is not a valid Vega-Lite spec: unknown property "colour" at /encoding/x.`);
  });

  it('a spec that is not JSON fails at its line and column', () => {
    const e = caught(() => withSpec('{\n  "mark": "line",\n}\n'));
    expect(e.code).toBe('InvalidSpec');
    expect(e.loc).toMatchObject({ file: SPEC, line: 3 });
    expect(e.message).toBe(`${SPEC}:3:1: The spec is not valid JSON: a trailing comma before "}".`);
  });

  it('a spec that is JSON but not an object names its file once', () => {
    expect(caught(() => withSpec('[1, 2]\n')).message).toBe(`${SPEC}: The file must hold one Vega-Lite spec, a JSON object.`);
  });

  it('a spec that does not exist, or escapes the project, is an unknown spec with suggestions', () => {
    const root = tempProject({ [SPEC]: JSON.stringify(base) });
    const dir = path.join(root, 'content/issues/a');
    expect(caught(() => readSpec('./d.vl.json', dir, usage)).message).toBe('content/issues/a/index.mdx:7:1: No chart spec "./d.vl.json". Did you mean "./c.vl.json"?');
    expect(caught(() => readSpec('../../../../etc/passwd', dir, usage)).code).toBe('UnknownSpec');
    expect(caught(() => readSpec('./c.json', dir, usage)).code).toBe('UnknownSpec');
  });

  it.each(['../secret.csv', '/etc/passwd', 'https://example.com/p.csv', 'http://127.0.0.1/p.csv', 'file:///etc/passwd'])('data.url %j is refused at the spec line', (url) => {
    const e = caught(() => bind({ ...base, data: { url } }));
    expect(e.message).toBe(`${SPEC}:6: The data URL "${url}" does not resolve inside data/ or the issue's own data/ folder.`);
  });

  it('a data URL in a layer or a lookup is sandboxed too', () => {
    const layered = { ...base, data: undefined, layer: [{ data: { url: 'https://example.com/x.csv' }, mark: 'line' }] };
    expect(caught(() => bind(layered)).code).toBe('DataUrlOutsideData');
    const lookup = { ...base, transform: [{ lookup: 'date', from: { data: { url: '../x.csv' }, key: 'date', fields: ['v'] } }] };
    expect(caught(() => bind(lookup)).code).toBe('DataUrlOutsideData');
  });

  it('an encoded field that the data lacks fails with the spec line and the closest column', () => {
    const e = caught(() => bind({ ...base, encoding: { ...base.encoding, y: { field: 'prise', type: 'quantitative' } } }));
    expect(e.message).toBe(`${SPEC}:15: No column "prise" in prices.csv. Did you mean "price"?`);
  });

  it('a field made by a transform, a nested field and inline data are not flagged', () => {
    const calc = { ...base, transform: [{ calculate: 'datum.price * 2', as: 'double' }], encoding: { ...base.encoding, y: { field: 'double', type: 'quantitative' } } };
    expect(bind(calc).primary?.rows).toHaveLength(2);
    const rows = [{ date: '2026-01-02', m: { v: 1 } }];
    const named = { ...base, data: { name: 'nested' }, encoding: { ...base.encoding, y: { field: 'm.v', type: 'quantitative' } } };
    expect(bind(named, new Map([['nested', { name: 'nested', rows, sources: [] }]])).primary?.rows).toEqual(rows);
    const inline = { ...base, data: { values: [{ a: 1 }] }, encoding: { x: { field: 'anything', type: 'quantitative' } } };
    expect(bind(inline).primary).toBeUndefined();
  });

  it('a dataset the figures module does not provide names the ones it does', () => {
    const e = caught(() => bind({ ...base, data: { name: 'labeled' } }, new Map([['labelled', { name: 'labelled', rows: [{ date: '2026-01-02', price: 1 }], sources: [] }]])));
    expect(e.message).toBe(`${SPEC}:6: The spec reads the dataset "labeled", which the issue's figures module does not provide. Did you mean "labelled"?`);
  });

  it('rows after asOf never reach the chart', () => {
    const root = tempProject({
      'data/manifest.yaml': manifestEntry('prices.csv', { date: 'date', price: 'number' }),
      'data/prices.csv': 'date,price\n2026-01-02,1\n2026-02-05,2\n',
      [SPEC]: JSON.stringify(base),
    });
    const bound = bindSpecData(readSpec('./c.vl.json', path.join(root, 'content/issues/a'), usage), asOf, new Map());
    expect(bound.primary?.rows).toEqual([{ date: '2026-01-02', price: 1 }]);
  });
});

describe('links in charts', () => {
  it('an href channel (a link from data, e.g. javascript:) is refused with the spec line', () => {
    const e = caught(() => validateSpec(withSpec({ ...base, encoding: { ...base.encoding, href: { field: 'price' } } })));
    expect(e.message).toBe(`${SPEC}:18: The spec uses "href": Tally renders charts as static SVG without links. Remove "href" and cite the source in the issue's text instead.`);
  });
});
