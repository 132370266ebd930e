import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { facesFor, type FontFace } from '../../src/renditions/png/font-faces.ts';
import { interFontFaces } from '../../src/renditions/png/inter-fonts.ts';

const faces: FontFace[] = [400, 500, 600, 700, 800].map((weight) => ({ weight, file: `/fonts/${weight}.ttf` }));
const weightsOf = (svg: string) => facesFor(svg, faces).map((f) => Number(/(\d+)\.ttf$/.exec(f)![1]));
const svgWith = (texts: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200" font-family="Inter" font-size="14">${texts}</svg>`;

describe('facesFor', () => {
  it('keeps the regular face and the faces the weights name', () => {
    expect(weightsOf(svgWith('<text x="4" y="20">plain</text>'))).toEqual([400]);
    expect(weightsOf(svgWith('<text x="4" y="20" font-weight="600">Title</text><g font-weight=\'bold\'><text y="40">b</text></g>'))).toEqual([400, 600, 700]);
    expect(weightsOf(svgWith('<text font-weight="normal">n</text><text font-weight="800">x</text>'))).toEqual([400, 800]);
  });

  it('keeps both neighbours of a weight the family lacks, and the nearest beyond its ends', () => {
    expect(weightsOf(svgWith('<text font-weight="550">m</text>'))).toEqual([400, 500, 600]);
    expect(weightsOf(svgWith('<text font-weight="300">light</text>'))).toEqual([400]);
    expect(weightsOf(svgWith('<text font-weight="900">black</text>'))).toEqual([400, 800]);
  });

  it('gives every face when a weight is set in a way it does not read', () => {
    const all = [400, 500, 600, 700, 800];
    expect(weightsOf(svgWith('<style>text { font-weight: 600 }</style><text>s</text>'))).toEqual(all);
    expect(weightsOf(svgWith('<text style="font-weight: 700">s</text>'))).toEqual(all);
    expect(weightsOf(svgWith('<text font="bold 14px Inter">s</text>'))).toEqual(all);
    expect(weightsOf(svgWith('<g font-weight="600"><text font-weight="bolder">s</text></g>'))).toEqual(all);
    expect(weightsOf(svgWith('<text font-weight="1200">s</text>'))).toEqual(all);
    expect(weightsOf(svgWith('<text>font-weight</text>'))).toEqual(all);
  });

  it('draws the same pixels with its faces as with all of Inter, whatever the weights', () => {
    const inter = interFontFaces();
    const draw = (svg: string, files: string[]) =>
      new Resvg(svg, { background: '#ffffff', font: { fontFiles: files, loadSystemFonts: false, defaultFontFamily: 'Inter', sansSerifFamily: 'Inter' } }).render().pixels;
    for (const weight of [100, 300, 'normal', 450, 500, 550, 600, 650, 'bold', 750, 800, 900]) {
      const svg = svgWith(`<text x="4" y="30" font-weight="${weight}">Weight ${weight} 1,234.5%</text><text x="4" y="60">Regular</text>`);
      const few = facesFor(svg, inter);
      // Fewer faces than the family's: the comparison is never of all faces with themselves.
      expect(few.length, String(weight)).toBeLessThanOrEqual(3);
      expect(Buffer.compare(draw(svg, few), draw(svg, inter.map((f) => f.file))), String(weight)).toBe(0);
    }
  });
});
