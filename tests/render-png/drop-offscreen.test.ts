import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { dropOffscreen, layerFree } from '../../src/renditions/png/drop-offscreen.ts';
import { interFontFiles } from '../../src/renditions/png/inter-fonts.ts';
import { pathBounds } from '../../src/renditions/png/path-bounds.ts';

const doc = (body: string, root = 'width="100" height="50"') => `<svg xmlns="http://www.w3.org/2000/svg" ${root}>${body}</svg>`;
const circle = (x: number) => `<path transform="translate(${x},20)" d="M3,0A3,3,0,1,1,-3,0A3,3,0,1,1,3,0" opacity="0.7"/>`;

describe('dropOffscreen', () => {
  it('takes out shapes wholly outside the picture, through translated groups, and keeps the rest as written', () => {
    const kept = `<g transform="translate(10,5)" clip-path="url(#c)">${circle(20)}${circle(95)}`;
    const svg = doc(`<defs><clipPath id="c"><rect x="0" y="0" width="80" height="40"/></clipPath></defs>${kept}${circle(3000)}<rect x="-500" y="0" width="10" height="10"></rect></g><text x="500">far text stays</text>`);
    expect(dropOffscreen(svg)).toBe(doc(`<defs><clipPath id="c"><rect x="0" y="0" width="80" height="40"/></clipPath></defs>${kept}</g><text x="500">far text stays</text>`));
  });

  it('counts the stroke and its miter joins as part of the shape', () => {
    const line = (y: number) => `<line x1="0" y1="${y}" x2="100" y2="${y}" stroke="black" stroke-width="10"/>`;
    expect(dropOffscreen(doc(line(-6)))).toBe(doc(line(-6)));
    expect(dropOffscreen(doc(line(-40)))).toBe(doc(''));
  });

  it('keeps what a "meet" fit of the viewBox shows beside it', () => {
    const rect = '<rect x="150" y="0" width="10" height="10"/>';
    expect(dropOffscreen(doc(rect, 'width="300" height="100" viewBox="0 0 100 100"'))).toBe(doc(rect, 'width="300" height="100" viewBox="0 0 100 100"'));
    expect(dropOffscreen(doc(rect, 'viewBox="0 0 100 100"'))).toBe(doc('', 'viewBox="0 0 100 100"'));
  });

  it('leaves alone what it does not measure: other transforms, styles, units, filters and <use>', () => {
    for (const svg of [
      doc(`<g transform="rotate(90)">${circle(3000)}</g>`),
      doc(`<g transform="scale(0.01)">${circle(3000)}</g>`),
      doc(`<g style="transform: translate(-2990px, 0)">${circle(3000)}</g>`),
      doc('<rect x="300%" y="0" width="10" height="10"/>'),
      doc(`<filter id="f"><feOffset dx="-3000"/></filter><g filter="url(#f)">${circle(3000)}</g>`),
      doc(`<path id="p" d="M3000,0h5"/><use href="#p" x="-3000"/>`),
      doc(`<defs>${circle(3000)}</defs>`),
      `<svg xmlns="http://www.w3.org/2000/svg">${circle(3000)}</svg>`,
      doc(`<g>${circle(3000)}`),
    ]) {
      expect(dropOffscreen(svg)).toBe(svg);
    }
  });
});

describe('pathBounds', () => {
  it('holds every point of lines, curves and arcs, relative or absolute', () => {
    expect(pathBounds('M0,0h300v300h-300Z')).toEqual({ x0: 0, y0: 0, x1: 300, y1: 300 });
    expect(pathBounds('M10 10 20 30 l5 -40')).toEqual({ x0: 10, y0: -10, x1: 25, y1: 30 });
    expect(pathBounds('M0,0C10,-5 20,5 30,0S50,10 60,0')).toEqual({ x0: 0, y0: -5, x1: 60, y1: 10 });
    const arc = pathBounds('M2.739,0A2.739,2.739,0,1,1,-2.739,0A2.739,2.739,0,1,1,2.739,0')!;
    expect(arc.x0).toBeLessThanOrEqual(-2.739);
    expect(arc.x1).toBeGreaterThanOrEqual(2.739);
    expect(arc.y0).toBeLessThanOrEqual(-2.739);
    expect(arc.y1).toBeGreaterThanOrEqual(2.739);
    // Flags written without separators, and radii too small to reach the end (scaled up by SVG).
    const tight = pathBounds('M0,0a1,1 0 0110,0')!;
    expect(tight.y0).toBeLessThanOrEqual(-5);
    expect(tight.y1).toBeGreaterThanOrEqual(5);
  });

  it('gives nothing for path data that does not parse', () => {
    expect(pathBounds('')).toBeUndefined();
    expect(pathBounds('M0,0 L10')).toBeUndefined();
    expect(pathBounds('X10,10')).toBeUndefined();
    expect(pathBounds('M1e,2')).toBeUndefined();
    expect(pathBounds('M-.e1,2')).toBeUndefined();
    expect(pathBounds('M1,2 ¬3')).toBeUndefined();
  });

  it('reads numbers as SVG writes them: signs, leading or trailing points, exponents, no separators', () => {
    expect(pathBounds('M.5.5L1e1-2E-1')).toEqual({ x0: 0.5, y0: -0.2, x1: 10, y1: 0.5 });
    expect(pathBounds('M1.,2+3 4')).toEqual({ x0: 1, y0: 2, x1: 3, y1: 4 });
    expect(pathBounds('M-1.5e+1-0.25l+2.5E0 1e-1')).toEqual({ x0: -15, y0: -0.25, x1: -12.5, y1: -0.15 });
  });
});

describe('layerFree', () => {
  const far = '<rect x="-90000" y="0" width="10" height="10" fill="red"/><path d="M90000,5h4v4h-4Z"/>';
  const plain = doc(`<g transform="translate(4,4)"><path d="M0,0h20" stroke="#333" stroke-opacity="0.5" fill-opacity=".2"/><text x="2" y="30" font-family="Inter">label, 10%</text>${far}</g>`);

  it('answers yes for shapes, text and paint opacities only, so far shapes need not be taken out', () => {
    expect(layerFree(plain)).toBe(true);
    expect(layerFree(doc('<linearGradient id="g"><stop offset="0" stop-color="#fff" stop-opacity="0.3"/></linearGradient><rect width="9" height="9" fill="url(#g)"/>'))).toBe(true);
  });

  it('answers no for anything that can give a shape a layer or a pixmap of its own', () => {
    for (const body of [
      circle(3000),
      `<g opacity = '0.5'>${far}</g>`,
      `<g clip-path="url(#c)"><clipPath id="c"><rect width="5" height="5"/></clipPath></g>`,
      '<mask id="m"/><rect mask="url(#m)" width="5" height="5"/>',
      '<rect filter="url(#f)" width="5" height="5"/>',
      '<rect mix-blend-mode="multiply" width="5" height="5"/>',
      '<g isolation="isolate"/>',
      '<rect style="opacity:.5" width="5" height="5"/>',
      '<style>rect { opacity: .5 }</style><rect width="5" height="5"/>',
      '<svg x="3000" width="5" height="5"><rect width="5" height="5"/></svg>',
      '<marker id="k"/><path d="M0,0h5" marker-end="url(#k)"/>',
      '<pattern id="p"/><rect fill="url(#p)" width="5" height="5"/>',
      '<image href="data:image/png;base64," width="5" height="5"/>',
      '<symbol id="s"/><use href="#s"/>',
    ]) {
      expect(layerFree(doc(body)), body).toBe(false);
    }
  });

  it('holds for what dropOffscreen takes out: resvg draws far shapes without a layer as if they were gone', async () => {
    const cut = dropOffscreen(plain);
    expect(cut).not.toBe(plain);
    const draw = (svg: string) => new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, background: '#ffffff', font: { fontFiles: interFontFiles(), loadSystemFonts: false, defaultFontFamily: 'Inter' } }).render().pixels;
    expect(draw(plain).equals(draw(cut))).toBe(true);
  });
});
