import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { boundSpecsOf, sharedData } from '../../scripts/bench/corpus.ts';
import { withLayout } from '../../src/charts/chart-layout.ts';
import { compactSvg } from '../../src/charts/compact-svg.ts';
import { colourVars } from '../../src/charts/css-colours.ts';
import { downsampleSpec } from '../../src/charts/downsample.ts';
import { compactPath, parsePath } from '../../src/charts/path-data.ts';
import { prefixIds } from '../../src/charts/render-svg.ts';
import { parseSvg } from '../../src/charts/svg-tree.ts';
import { drawingTheme } from '../../src/charts/theme.ts';
import { compactSvg as referenceCompactSvg } from './compact-svg-reference/compact-svg.ts';
import { colourVars as referenceColourVars } from './compact-svg-reference/css-colours.ts';
import { compactPath as referenceCompactPath, parsePath as referenceParsePath } from './compact-svg-reference/path-data.ts';
import { parseSvg as referenceParseSvg } from './compact-svg-reference/svg-tree.ts';

/**
 * The SVG post-processing was made faster without changing a byte: the implementation it
 * replaced is kept in compact-svg-reference/ and both must write the same output, on real
 * drawings (the Vega-Lite gallery subset and the benchmark's four chart kinds, in both layouts)
 * and on generated input.
 */
const GALLERY = path.resolve('tests/fixtures/vega-lite-gallery');
const DATA = path.join(GALLERY, 'vega-datasets') + path.sep;

async function draw(spec: Record<string, unknown>, layout: 'wide' | 'narrow'): Promise<string> {
  const config = withLayout(drawingTheme, layout);
  const vg = compile(spec as unknown as TopLevelSpec, { config, logger: quiet as never }).spec;
  const view = new vega.View(vega.parse(vg), { renderer: 'none', loader: vega.loader({ baseURL: DATA, mode: 'file' }), logLevel: vega.None });
  try {
    return prefixIds(await view.toSVG(), `c0-${layout}`);
  } finally {
    view.finalize();
  }
}

const quiet = { level: () => quiet, error: (...a: unknown[]) => { throw new Error(a.join(' ')); }, warn: () => quiet, info: () => quiet, debug: () => quiet };

const drawings: [string, string][] = [];

beforeAll(async () => {
  const dir = path.join(GALLERY, 'vega-lite/examples/specs');
  const specs: [string, Record<string, unknown>][] = fs.readdirSync(dir).sort().map((f) => [f, JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Record<string, unknown>]);
  const bench = boundSpecsOf(3, 10, sharedData()).map((s, i) => [`bench-${i}`, downsampleSpec(s as never) as Record<string, unknown>] as [string, Record<string, unknown>]);
  for (const [name, spec] of [...specs, ...bench]) {
    for (const layout of ['wide', 'narrow'] as const) {
      try {
        drawings.push([`${name} ${layout}`, await draw(spec, layout)]);
      } catch {
        // A gallery example bare Vega cannot draw here (an image, a missing file) is not needed.
      }
    }
  }
}, 120_000);

describe('the SVG post-processing, against the implementation it replaced', () => {
  it('writes the same bytes for real drawings', () => {
    expect(drawings.length).toBeGreaterThanOrEqual(30);
    expect(drawings.filter(([, svg]) => svg.includes('"#0ca1')).length).toBeGreaterThanOrEqual(30);
    for (const [name, raw] of drawings) {
      const coloured = colourVars(raw);
      expect(coloured, name).toBe(referenceColourVars(raw));
      expect(compactSvg(coloured), name).toBe(referenceCompactSvg(coloured));
      expect(compactSvg(raw), name).toBe(referenceCompactSvg(raw));
    }
  });

  it('reads the same tree, and refuses the same markup', () => {
    const tags = fc.constantFrom('<g>', '</g>', '<g fill="#0ca101" transform="translate(1,2)">', '<path d="M0,0L1,1" stroke="#0ca103"/>', '<text x="1">', '</text>', 'a&amp;b', '<!-- c -->', '<', '>', ' ', '<line  x1="0"  y2="3" />', '<g\tclass="mark-rule role-axis-grid">');
    fc.assert(
      fc.property(fc.array(tags, { maxLength: 12 }), (parts) => {
        const markup = parts.join('');
        expect(parseSvg(markup)).toEqual(referenceParseSvg(markup));
        expect(colourVars(markup)).toBe(referenceColourVars(markup));
      }),
      { numRuns: 2000 },
    );
  });

  it('rewrites the same colours in any tag', () => {
    const piece = fc.constantFrom('<', '>', '/>', '<g', '<1', ' fill=', ' stroke=', '\tstop-color=', ' style=', '"', '"#0ca1', '"#0ca101"', '"#0ca10c"', '"#0ca1ff"', '"#0ca10z"', 'fill:red', ';', ' ', 'x="1"', '$&', '$1', '\u00a0', '\n', 'fill=', 'stroke=');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (parts) => {
        const s = parts.join('');
        expect(colourVars(s), s).toBe(referenceColourVars(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('writes the same path data for any path, readable or not', () => {
    const d = fc.array(fc.constantFrom('M', 'm', 'L', 'l', 'H', 'h', 'V', 'v', 'C', 'c', 'S', 'Q', 'T', 'A', 'a', 'Z', 'z', 'X', '0', '1', '7', '12.5', '-3', '.5', '-.25', '1e2', '1E-1', 'e', '.', '+', '-', ',', ' ', '\n', '\u00a0', '99999.96', '0.04', '-0.04'), { maxLength: 40 });
    fc.assert(
      fc.property(d, fc.constantFrom(0, 0.5, -3.25, 10.04, 0.05), fc.constantFrom(0, 1, -0.05, 7.15), (parts, dx, dy) => {
        const text = parts.join('');
        expect(parsePath(text), text).toEqual(referenceParsePath(text));
        expect(compactPath(text, dx, dy), text).toBe(referenceCompactPath(text, dx, dy));
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads every number as Number() does, however it is written', () => {
    const written = fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 20 }), fc.constantFrom('string', 'fixed', 'precision', 'padded')).map(([v, k, how]) => {
      if (how === 'fixed') return v.toFixed(k);
      if (how === 'precision') return v.toPrecision(Math.max(1, k));
      if (how === 'padded') return `${v < 0 ? '-' : ''}${'0'.repeat(k)}${Math.abs(v)}`;
      return String(v);
    });
    fc.assert(
      fc.property(written, written, (a, b) => {
        const d = `M${a},${b}L${b} ${a}`;
        const segments = parsePath(d);
        expect(segments, d).toEqual(referenceParsePath(d));
        expect(segments?.[0]?.args.map((v) => Object.is(v, Number(a)) || Object.is(v, Number(b)))).toEqual([true, true]);
        expect(compactPath(d, 0.25, -1)).toBe(referenceCompactPath(d, 0.25, -1));
      }),
      { numRuns: 20_000 },
    );
  });
});
