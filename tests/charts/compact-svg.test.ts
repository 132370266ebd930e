import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactCoordinates, compactSvg } from '../../src/charts/compact-svg.ts';
import { compactPath, parsePath, pathPoints, tenths } from '../../src/charts/path-data.ts';
import { parseSvg, serializeSvg } from '../../src/charts/svg-tree.ts';
import { svgToPng } from '../../src/renditions/png/svg-to-png.ts';

const FONT = 'font-family="Inter, &quot;Helvetica Neue&quot;, Arial, sans-serif"';
const svg = (b: string) => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="240" height="100" viewBox="0 0 240 100" ${FONT}>${b}</svg>`;
/** The body of a compacted drawing, without its root element. */
const body = (s: string) => compactSvg(svg(s)).replace(/^<svg[^>]*>/, '').replace(/<\/svg>$/, '');

// A chart as Vega writes it, on whole pixels (so compacting rounds nothing): grid lines and
// labels of an axis, two lines, a symbol, a hidden label and a background that paints nothing.
const grid = [0, 40, 80].map((y) => `<line transform="translate(0,${y})" x2="200" y2="0"/>`).join('');
const labels = ['0', '10', '20'].map((t, i) => `<text text-anchor="end" transform="translate(-7,${i * 40 + 3})" font-size="12px" fill="#4a4f57"${i === 1 ? ' opacity="0"' : ''}>${t}</text>`).join('');
const marks = `<path d="M0,80L100,40L200,0" stroke="#1f6f8b" stroke-width="2"/><path d="M0,60L200,20" stroke="#c8660f" stroke-width="2"/>`;
const vegaLike =
  `<g fill="none" stroke-miterlimit="4" transform="translate(30,10)"><g class="mark-group role-frame root"><g transform="translate(0,0)"><path class="background" aria-hidden="true" d="M0,0h200v80h-200Z"/>` +
  `<g><g class="mark-group role-axis"><g transform="translate(0.5,0.5)"><g class="mark-rule role-axis-grid" pointer-events="none">${grid.replace(/\/>/g, ' stroke="#e4e6ea" stroke-width="1"/>')}</g></g></g>` +
  `<g class="mark-text role-axis-label" pointer-events="none">${labels}</g><g class="mark-line role-mark">${marks}</g>` +
  `<g class="mark-symbol role-mark"><path transform="translate(100,40)" d="M3,0A3,3,0,1,1,-3,0A3,3,0,1,1,3,0" fill="#1f6f8b" opacity="0.7"/></g></g></g></g></g>`;

describe('compactSvg', () => {
  it('draws the same picture in fewer bytes', async () => {
    const before = svg(vegaLike);
    const after = compactSvg(before);
    expect(after.length).toBeLessThan(before.length * 0.6);
    const [a, b] = await Promise.all([svgToPng(before, 2), svgToPng(after, 2)]);
    expect(b.png.equals(a.png)).toBe(true);
  });

  it('sets an attribute every child of a group repeats once on the group, and keeps the ones that differ', () => {
    const out = body(vegaLike);
    expect(out).toContain('<g class="mark-text role-axis-label" font-size="12" text-anchor="end" fill="#4a4f57"><text x="-7" y="3">0</text>');
    // Two lines of other colours: only their shared width moves.
    expect(out).toContain('<g stroke-width="2"><path d="M0 80 100 40 200 0" stroke="#1f6f8b"/>');
    // Opacity is not inherited: it stays on the shape.
    expect(out).toContain('opacity=".7"');
  });

  it('drops what paints nothing: a background under fill="none", a hidden label, defaults and Vega\'s class names', () => {
    const out = body(vegaLike);
    expect(out).not.toContain('background');
    expect(out).not.toContain('>10</text>');
    expect(out).not.toMatch(/stroke-miterlimit|pointer-events|aria-hidden|translate\(0,0\)|mark-group|role-frame|role-mark/);
    expect(compactSvg(svg(vegaLike))).not.toMatch(/xmlns:xlink|version=/);
    // A clip path's shape has no paint of its own, and is kept.
    expect(body('<defs><clipPath id="c"><path d="M0,0h10v10h-10Z"/></clipPath></defs><g fill="none"><path d="M0,0h10v10h-10Z" clip-path="url(#c)" style="fill:var(--chart-c1)"/></g>')).toBe(
      '<defs><clipPath id="c"><path d="M0 0H10V10H0Z"/></clipPath></defs><path fill="none" d="M0 0H10V10H0Z" clip-path="url(#c)" style="fill:var(--chart-c1)"/>',
    );
  });

  it('drops the roles of Vega\'s groups and groups left empty, and keeps each mark\'s own (build-chart.ts drops those on the page)', () => {
    const marked = '<g role="graphics-object" aria-roledescription="symbol mark container"><path aria-label="x: 1" role="graphics-symbol" aria-roledescription="point" d="M0,0L1,1" stroke="#000"/><path d="M1,1L2,2" stroke="#000"/></g><g clip-path="url(#c)"><g></g></g>';
    expect(body(marked)).toBe('<g stroke="#000"><path aria-label="x: 1" role="graphics-symbol" aria-roledescription="point" d="M0 0 1 1"/><path d="M1 1 2 2"/></g>');
  });

  it('draws an axis\'s grid lines as one path, and leaves other lines as lines', () => {
    const out = body(vegaLike);
    // Their width of 1 is SVG's initial one: left out.
    expect(out).toContain('<path stroke="#e4e6ea" d="M.5.5h200M.5 40.5h200M.5 80.5h200"/>');
    const rules = body('<g class="mark-rule role-mark"><line transform="translate(5,6)" x2="10" y2="0" stroke="#000"/><line transform="translate(5,9)" x2="10" y2="0" stroke="#000"/></g>');
    expect(rules).toBe('<g stroke="#000"><line x2="15" y2="6" x1="5" y1="6"/><line x2="15" y2="9" x1="5" y1="9"/></g>');
  });

  it('leaves out an inherited attribute that repeats what its element inherits anyway, and keeps one that overrides', () => {
    expect(body('<g stroke-width="2" font-size="12px"><path d="M0,0L5,5" stroke="#000" stroke-width="1"/><text text-anchor="start" font-size="12px" fill="#000">a</text></g>')).toBe(
      '<g stroke-width="2" font-size="12"><path d="M0 0 5 5" stroke="#000" stroke-width="1"/><text fill="#000">a</text></g>',
    );
  });

  it('merges a group of one child into it, its translation before the child\'s', () => {
    expect(body('<g transform="translate(1,2)"><g><text transform="translate(3,4) rotate(-90)" style="fill:var(--chart-title)">T</text></g></g>')).toBe(
      '<text transform="translate(4,6) rotate(-90)" style="fill:var(--chart-title)">T</text>',
    );
    // Both set a colour: the child's wins, named once (the email's rasterizer turns each into an attribute).
    expect(body('<g style="fill:var(--chart-c1);stroke:var(--chart-c2)"><path d="M0,0L1,1" style="fill:var(--chart-c3)"/></g>')).toBe(
      '<path style="fill:var(--chart-c3);stroke:var(--chart-c2)" d="M0 0 1 1"/>',
    );
    // A text's translation becomes its position, unless a line of it is placed by x.
    expect(body('<text transform="translate(19.59,16)">a</text>')).toBe('<text x="19.6" y="16">a</text>');
    expect(body('<text transform="translate(19.59,16)"><tspan>a</tspan><tspan x="0" dy="14">b</tspan></text>')).toBe('<text transform="translate(19.6,16)"><tspan>a</tspan><tspan x="0" dy="14">b</tspan></text>');
  });

  it('folds a path\'s translation into its coordinates, a symbol\'s rounded first so its circle stays round', () => {
    expect(body('<path transform="translate(10,20)" d="M0,0L5,5" stroke="#000"/>')).toBe('<path d="M10 20l5 5" stroke="#000"/>');
    expect(body('<path transform="translate(195.95,119.23)" d="M3.16,0A3.16,3.16,0,1,1,-3.16,0A3.16,3.16,0,1,1,3.16,0" fill="#000"/>')).toBe(
      '<path d="M199.2 119.2a3.2 3.2 0 1 1-6.4 0 3.2 3.2 0 1 1 6.4 0" fill="#000"/>',
    );
  });

  it('keeps text from data escaped, and leaves markup it cannot read as it is', () => {
    const hostile = '<g><text transform="translate(1,2)" fill="#000">&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;</text></g>';
    expect(body(hostile)).toBe('<text fill="#000" x="1" y="2">&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;</text>');
    const odd = svg('<g><!-- a comment --><path d="M0,0L1.234,5"/></g>');
    expect(compactSvg(odd)).toBe(odd);
    expect(parseSvg('<g><path d="M0,0"/>')).toBeUndefined();
    expect(parseSvg('<g></text>')).toBeUndefined();
  });

  it('names the theme font once, on the root', () => {
    const out = compactSvg(`<svg width="10" height="10"><g><text transform="translate(1.23456,2)" ${FONT} fill="#000">a</text></g></svg>`);
    expect(out).toBe(`<svg width="10" height="10" ${FONT}><text fill="#000" x="1.2" y="2">a</text></svg>`);
  });

  it('is idempotent and deterministic', () => {
    const once = compactSvg(svg(vegaLike));
    expect(compactSvg(once)).toBe(once);
    expect(compactSvg(svg(vegaLike))).toBe(once);
  });

  it('writes what it reads back unchanged', () => {
    const markup = '<g a="1"><text x="2">x &amp; y</text><path d="M0,0"/></g>';
    expect(serializeSvg(parseSvg(markup)!)).toBe(markup);
  });
});

describe('compactCoordinates', () => {
  it('rounds every number to a tenth, shortest form', () => {
    expect(compactCoordinates('translate(0.5,260.5) rotate(-90) translate(0,-3.04)')).toBe('translate(.5,260.5) rotate(-90) translate(0,-3)');
    expect(compactCoordinates('-0.04')).toBe('0');
    expect(compactCoordinates('1e-7')).toBe('0');
  });
});

describe('compactPath', () => {
  it('writes each segment absolute or relative, whichever is shorter, without repeated commands or needless separators', () => {
    expect(compactPath('M0,180.89L3.27,167.51L6.53,172.9L9.8,185.34')).toBe('M0 180.9 3.3 167.5l3.2 5.4 3.3 12.4');
    expect(compactPath('M0,0h258v260h-258Z')).toBe('M0 0H258V260H0Z');
    expect(compactPath('M0,0ZZ')).toBe('M0 0ZZ');
    expect(compactPath('M1020,-260L1020,0M1042,-260L1042,0')).toBe('M1020-260V0m22-260V0');
    expect(compactPath('M0.5,0.5L0.25,0.75')).toBe('M.5.5.3.8');
    expect(compactPath('M100,100C101,101,102,102,103,103')).toBe('M100 100c1 1 2 2 3 3');
    expect(compactPath('M0,0 Q 10,10 20,0 T 40,0')).toBe('M0 0Q10 10 20 0T40 0');
    expect(compactPath('M100,100 Q 110,110 120,100 T 140,100')).toBe('M100 100q10 10 20 0t20 0');
  });

  it('folds a translation in', () => {
    expect(compactPath('M0,0L5,5', 10, 20)).toBe('M10 20l5 5');
  });

  it('returns path data it cannot read as it is', () => {
    for (const d of ['M0', 'X1,2', 'M0,0L1,1Z5', '']) expect(compactPath(d)).toBe(d);
  });

  it('writes tenths in their shortest form', () => {
    expect([15, -5, 20, 0, -0, 1234].map(tenths)).toEqual(['1.5', '-.5', '2', '0', '0', '123.4']);
  });

  // Paths of every command, absolute and relative, with coordinates of any precision.
  const coord = fc.double({ min: -2000, max: 2000, noNaN: true }).map((v) => Math.round(v * 1e4) / 1e4);
  const segment = fc.oneof(
    fc.tuple(fc.constantFrom('L', 'l', 'M', 'm', 'T', 't'), coord, coord).map(([c, x, y]) => `${c}${x},${y}`),
    fc.tuple(fc.constantFrom('H', 'h', 'V', 'v'), coord).map(([c, v]) => `${c}${v}`),
    fc.tuple(fc.constantFrom('C', 'c'), fc.array(coord, { minLength: 6, maxLength: 6 })).map(([c, a]) => `${c}${a.join(' ')}`),
    fc.tuple(fc.constantFrom('Q', 'q', 'S', 's'), fc.array(coord, { minLength: 4, maxLength: 4 })).map(([c, a]) => `${c}${a.join(',')}`),
    fc.tuple(fc.constantFrom('A', 'a'), fc.double({ min: 0, max: 50, noNaN: true }), fc.boolean(), fc.boolean(), coord, coord).map(([c, r, f1, f2, x, y]) => `${c}${r},${r},0,${+f1},${+f2},${x},${y}`),
    fc.constant('Z'),
  );
  const path = fc.tuple(coord, coord, fc.array(segment, { maxLength: 40 })).map(([x, y, rest]) => `M${x},${y}${rest.join('')}`.replace(/Z([\d-])/g, 'ZL$1'));

  it('draws the same points within the rounding (a twentieth of a pixel), whatever the path', () => {
    fc.assert(
      fc.property(path, coord, coord, (d, dx, dy) => {
        const before = parsePath(d);
        expect(before, d).toBeDefined();
        const moved = dx === dy ? [0, 0] : [dx, dy];
        const after = parsePath(compactPath(d, moved[0], moved[1]));
        expect(after, compactPath(d)).toBeDefined();
        const a = pathPoints(before!);
        const b = pathPoints(after!);
        expect(b.length).toBe(a.length);
        a.forEach(([x, y], i) => {
          expect(Math.abs(b[i]![0] - (x + moved[0]!))).toBeLessThanOrEqual(0.05 + 1e-6);
          expect(Math.abs(b[i]![1] - (y + moved[1]!))).toBeLessThanOrEqual(0.05 + 1e-6);
        });
        // Each segment keeps its kind (a line stays a line, a curve a curve).
        expect(after!.map((s) => s.cmd.replace(/[HV]/, 'L'))).toEqual(before!.map((s) => s.cmd.replace(/[HV]/, 'L')));
      }),
      { numRuns: 500 },
    );
  });
});
