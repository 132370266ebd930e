import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHART_PALETTES, COLOUR_ROLES, SENTINELS, THEME_NAMES, type ColourRole } from '../../src/charts/theme.ts';
import { isElement, parseSvg, type SvgNode } from '../../src/charts/svg-tree.ts';

const PAGE_BACKGROUND = { light: '#fbfaf7', dark: '#14161a' } as const;
const TEXT_ROLES: ColourRole[] = ['label', 'title', 'heading'];
const MARK_ROLES: ColourRole[] = ['domain', 'rule', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6'];

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((s) => (s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('the chart palettes', () => {
  for (const theme of THEME_NAMES) {
    it(`${theme}: text reads at 4.5:1 and marks at 3:1 on the page background`, () => {
      const bg = PAGE_BACKGROUND[theme];
      const weak = [
        ...TEXT_ROLES.filter((r) => contrast(CHART_PALETTES[theme][r], bg) < 4.5),
        ...MARK_ROLES.filter((r) => contrast(CHART_PALETTES[theme][r], bg) < 3),
      ].map((r) => `${r} ${CHART_PALETTES[theme][r]} ${contrast(CHART_PALETTES[theme][r], bg).toFixed(2)}`);
      expect(weak).toEqual([]);
    });
  }

  it('the page background the contrast is measured on is the stylesheet\'s', () => {
    const css = fs.readFileSync(path.resolve(import.meta.dirname, '../../src/styles/global.css'), 'utf8') + fs.readFileSync(path.resolve(import.meta.dirname, '../../src/styles/theme.css'), 'utf8');
    expect(css).toContain(`--bg: ${PAGE_BACKGROUND.light};`);
    expect(css).toContain(`--bg: ${PAGE_BACKGROUND.dark};`);
  });

  it('theme.css declares each --chart-* property with the palette\'s value, in both schemes', () => {
    const css = fs.readFileSync(path.resolve(import.meta.dirname, '../../src/styles/theme.css'), 'utf8');
    const declared = (block: string) => Object.fromEntries([...block.matchAll(/--chart-([a-z0-9]+):\s*(#[0-9a-f]{6});/g)].map((m) => [m[1], m[2]]));
    const dark = css.indexOf('prefers-color-scheme: dark');
    expect(dark).toBeGreaterThan(0);
    for (const [theme, block] of [['light', css.slice(0, dark)], ['dark', css.slice(dark)]] as const) {
      expect(declared(block), theme).toEqual(CHART_PALETTES[theme]);
    }
  });

  it('draws with one stand-in colour per role, none of them a palette colour', () => {
    const stand = Object.values(SENTINELS);
    expect(new Set(stand).size).toBe(COLOUR_ROLES.length);
    for (const theme of THEME_NAMES) for (const c of Object.values(CHART_PALETTES[theme])) expect(stand).not.toContain(c);
  });
});

describe('the theme and the spec', () => {
  it("leaves a line's stroke width to the spec: an encoded width wins, as in the Vega Editor (Vega's own default is 2)", async () => {
    const { renderSvg } = await import('../../src/charts/render-svg.ts');
    const values = [{ x: 1, y: 1, s: 'a' }, { x: 2, y: 2, s: 'a' }, { x: 1, y: 2, s: 'b' }, { x: 2, y: 3, s: 'b' }];
    const base = { data: { values }, mark: 'line', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, color: { field: 's', type: 'nominal' } } };
    const widths = async (encoding: object) => {
      const { svg } = await renderSvg({ ...base, encoding: { ...base.encoding, ...encoding } }, 'w.vl.json', 'wide');
      // Each line's width as drawn: its own, or the one its group sets for every line (compact-svg.ts).
      const drawn: (string | undefined)[] = [];
      const walk = (nodes: SvgNode[], width: string | undefined): void => {
        for (const n of nodes.filter(isElement)) {
          const w = n.attrs.get('stroke-width') ?? width;
          if (n.attrs.get('aria-roledescription') === 'line mark') drawn.push(w);
          walk(n.children, w);
        }
      };
      // SVG's initial width is 1 (compact-svg.ts leaves an attribute saying so out).
      walk(parseSvg(svg.replace(/^<svg[^>]*>/, '').replace(/<\/svg>$/, ''))!, '1');
      return drawn.slice(0, 2);
    };
    expect(await widths({})).toEqual(['2', '2']);
    expect(await widths({ strokeWidth: { condition: { test: "datum.s === 'b'", value: 6 }, value: 1 } })).toEqual(['1', '6']);
  });
});
