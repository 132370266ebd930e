import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { resolveColours } from '../../src/charts/css-colours.ts';
import { renderSvg } from '../../src/charts/render-svg.ts';
import { cardSvg, type CardText } from '../../src/renditions/og/card-svg.ts';
import { drawPng } from '../../src/renditions/png/draw-png.ts';
import { dropOffscreen, layerFree } from '../../src/renditions/png/drop-offscreen.ts';
import { interFontFaces, interFontFiles } from '../../src/renditions/png/inter-fonts.ts';
import { readPng } from '../email/png.ts';

/**
 * The pictures as the rasterizer drew them before it skipped dropOffscreen on layer-free SVGs
 * and wrote palettes: resvg's own PNG of the SVG with its far shapes taken out (the RGB encoder
 * it had was proven to give asPng's pixels), decoded.
 */
function oldPixels(svg: string, zoom: number): Buffer {
  const image = new Resvg(dropOffscreen(svg), {
    fitTo: { mode: 'zoom', value: zoom },
    background: '#ffffff',
    font: { fontFiles: interFontFiles(), loadSystemFonts: false, defaultFontFamily: 'Inter', sansSerifFamily: 'Inter' },
  }).render();
  return readPng(image.asPng()).rgba!;
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ t: `2024-${String((i % 12) + 1).padStart(2, '0')}-01`, x: (i * 37) % 101, y: Math.round(50 + 40 * Math.sin(i / 7)), k: ['North', 'South', 'East'][i % 3] }));
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Charts of the kinds the bench corpus draws: bars, lines, areas with opacity, a dense scatter plot, one clipped with a point far outside. */
const specs: Record<string, Record<string, unknown>> = {
  bars: { $schema: SCHEMA, title: 'Bars, 1–2%', data: { values: rows(12) }, mark: 'bar', encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'y', type: 'quantitative', aggregate: 'sum' } } },
  lines: { $schema: SCHEMA, data: { values: rows(60) }, mark: 'line', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, color: { field: 'k', type: 'nominal' } } },
  area: { $schema: SCHEMA, data: { values: rows(40) }, mark: { type: 'area', opacity: 0.5 }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } },
  scatter: { $schema: SCHEMA, data: { values: rows(2000) }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } },
  clipped: {
    $schema: SCHEMA,
    data: { values: [{ x: 1, y: 2 }, { x: 2, y: 5 }, { x: 3, y: 3 }, { x: 60, y: 4 }] },
    mark: { type: 'circle', clip: true },
    encoding: { x: { field: 'x', type: 'quantitative', scale: { domain: [0, 5] } }, y: { field: 'y', type: 'quantitative' } },
  },
};

const card: CardText = {
  siteName: 'Tally',
  tagline: 'Markets, by the numbers',
  title: 'The Great Rotation: small caps lead for a thirteenth session running',
  date: 'January 22, 2026',
  summary: 'Small caps have beaten large caps every session of 2026 so far.',
  headline: { value: '13', description: 'Trading sessions in a row, the longest since 1998', illustrative: true },
};

describe('drawPng', () => {
  it('draws every chart, in the wide layout and light colours at 2x as the email does, with the same pixels as before', async () => {
    const kinds = new Set<string>();
    for (const [name, spec] of Object.entries(specs)) {
      const svg = resolveColours((await renderSvg(spec, `${name}.vl.json`, 'wide')).svg, 'light');
      kinds.add(layerFree(svg) ? 'layer-free' : 'layered');
      const { png, width, height } = drawPng(svg, 2, interFontFaces());
      const ours = readPng(png);
      expect([name, ours.width, ours.height, ours.opaque]).toEqual([name, width, height, true]);
      expect(ours.rgba!.equals(oldPixels(svg, 2)), name).toBe(true);
      kinds.add(`colour type ${ours.colorType}`);
    }
    // Both ways through drawPng and the encoder are taken.
    expect([...kinds].sort()).toEqual(['colour type 2', 'colour type 3', 'layer-free', 'layered']);
  });

  it('draws social cards, with and without a headline figure, with the same pixels as before', () => {
    for (const text of [card, { ...card, headline: undefined }]) {
      const svg = cardSvg(text);
      const ours = readPng(drawPng(svg, 1, interFontFaces()).png);
      expect([ours.width, ours.height, ours.opaque]).toEqual([1200, 630, true]);
      expect(ours.rgba!.equals(oldPixels(svg, 1))).toBe(true);
    }
  });
});
