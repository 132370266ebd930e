import type { Config } from 'vega-lite';

/** The chart theme, applied at build time. Colours are picked to read on the page background. */
export const FONT = 'Inter, "Helvetica Neue", Arial, sans-serif';

/**
 * Every colour a chart draws with by default, by role: the CSS custom property `--chart-<role>`
 * carries it on the page (src/styles/theme.css declares both schemes from CHART_PALETTES).
 * Marks (the category hues, domain lines) keep 3:1 against the page background in both schemes,
 * text 4.5:1 (tests/charts/theme.test.ts).
 */
export const COLOUR_ROLES = ['label', 'title', 'heading', 'domain', 'grid', 'rule', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6'] as const;
export type ColourRole = (typeof COLOUR_ROLES)[number];
export type Palette = Record<ColourRole, string>;

export type ThemeName = 'light' | 'dark';

export const CHART_PALETTES: Record<ThemeName, Palette> = {
  // Page background #fbfaf7.
  light: {
    label: '#4a4f57',
    title: '#2b2f36',
    heading: '#1c1f24',
    domain: '#868c95',
    grid: '#e4e6ea',
    rule: '#4a4f57',
    c1: '#1f6f8b',
    c2: '#c8660f',
    c3: '#6a4c93',
    c4: '#23904c',
    c5: '#c44536',
    c6: '#6f747c',
  },
  // Page background #14161a: light text, quiet grid, each hue lifted in lightness so it keeps
  // its contrast (never inverted, which would turn meaningful hues into others).
  dark: {
    label: '#b9bec6',
    title: '#dde1e6',
    heading: '#eef0f3',
    domain: '#6b717a',
    grid: '#2c3038',
    rule: '#b9bec6',
    c1: '#5fb3d0',
    c2: '#f0a35e',
    c3: '#ad92d6',
    c4: '#6fcf8f',
    c5: '#ee7d70',
    c6: '#aab0b8',
  },
};

/**
 * Stand-ins the static charts are drawn with, one per role, rewritten to `var(--chart-<role>)`
 * after drawing (css-colours.ts): one drawing serves both schemes. Near-black values no spec
 * is likely to write; Vega copies colour strings into the SVG as given.
 */
export const SENTINELS: Palette = Object.fromEntries(COLOUR_ROLES.map((role, i) => [role, `#0ca1${(i + 1).toString(16).padStart(2, '0')}`])) as Palette;

/** The theme in one palette: every colour of the drawing comes from it. */
export function themeConfig(p: Palette): Config {
  return {
    background: null,
    font: FONT,
    padding: 4,
    view: { stroke: null },
    axis: {
      labelColor: p.label,
      titleColor: p.title,
      domainColor: p.domain,
      tickColor: p.domain,
      gridColor: p.grid,
      labelFontSize: 12,
      titleFontSize: 12,
      titleFontWeight: 600,
      labelLimit: 280,
    },
    // Under the plot, from the chart's left edge (not the plot's, which a long axis label pushes right).
    legend: { labelColor: p.title, titleColor: p.title, labelFontSize: 12, titleFontSize: 12, labelLimit: 240, orient: 'bottom', layout: { bottom: { anchor: 'start', frame: 'bounds' } } },
    header: { labelColor: p.title, titleColor: p.title, labelFontSize: 12, titleFontSize: 12, labelLimit: 280 },
    title: { color: p.heading, subtitleColor: p.label, anchor: 'start', fontSize: 14, subtitleFontSize: 12 },
    range: { category: [p.c1, p.c2, p.c3, p.c4, p.c5, p.c6] },
    bar: { color: p.c1 },
    mark: { color: p.c1 },
    text: { color: p.heading, fontSize: 12 },
    rule: { color: p.rule },
  } as unknown as Config; // Vega-Lite passes legend.layout through to Vega, though its types omit it
}

/** The theme with real colours, for a drawing outside the page (the browser's live view, a PNG). */
export const themes: Record<ThemeName, Config> = { light: themeConfig(CHART_PALETTES.light), dark: themeConfig(CHART_PALETTES.dark) };
export const lightTheme = themes.light;
export const darkTheme = themes.dark;
/** Both schemes, in the order the stylesheet declares them. */
export const THEME_NAMES = ['light', 'dark'] as const satisfies readonly ThemeName[];

/** The theme the static charts are drawn with: stand-in colours that CSS resolves per scheme. */
export const drawingTheme: Config = themeConfig(SENTINELS);
