import type { Config } from 'vega-lite';

/** The chart theme, applied at build time. Colours are picked to read on the page background. */
export const FONT = 'Inter, "Helvetica Neue", Arial, sans-serif';

export const lightTheme: Config = {
  background: null as unknown as undefined,
  font: FONT,
  padding: 4,
  view: { stroke: null },
  axis: {
    labelColor: '#4a4f57',
    titleColor: '#2b2f36',
    domainColor: '#9aa0a8',
    tickColor: '#9aa0a8',
    gridColor: '#e4e6ea',
    labelFontSize: 11,
    titleFontSize: 11,
    titleFontWeight: 600,
  },
  legend: { labelColor: '#2b2f36', titleColor: '#2b2f36', labelFontSize: 11, titleFontSize: 11, orient: 'bottom' },
  header: { labelColor: '#2b2f36', titleColor: '#2b2f36' },
  title: { color: '#1c1f24', subtitleColor: '#4a4f57', anchor: 'start', fontSize: 14 },
  range: { category: ['#1f6f8b', '#e07a1f', '#6a4c93', '#2a9d55', '#c44536', '#7a7f87'] },
  line: { strokeWidth: 2 },
  bar: { color: '#1f6f8b' },
  mark: { color: '#1f6f8b' },
  text: { color: '#1c1f24' },
  rule: { color: '#4a4f57' },
};

/**
 * The same chart for a dark page (background about #14161a): light text, quiet grid, and a
 * category palette lifted in lightness so each hue keeps its contrast. Themed here, at build
 * time, rather than by inverting colours, which would turn meaningful hues into others.
 */
export const darkTheme: Config = {
  ...lightTheme,
  axis: {
    ...lightTheme.axis,
    labelColor: '#b9bec6',
    titleColor: '#dde1e6',
    domainColor: '#6b717a',
    tickColor: '#6b717a',
    gridColor: '#2c3038',
  },
  legend: { ...lightTheme.legend, labelColor: '#dde1e6', titleColor: '#dde1e6' },
  header: { labelColor: '#dde1e6', titleColor: '#dde1e6' },
  title: { ...lightTheme.title, color: '#eef0f3', subtitleColor: '#b9bec6' },
  range: { category: ['#5fb3d0', '#f0a35e', '#ad92d6', '#6fcf8f', '#ee7d70', '#aab0b8'] },
  bar: { color: '#5fb3d0' },
  mark: { color: '#5fb3d0' },
  text: { color: '#eef0f3' },
  rule: { color: '#b9bec6' },
};

export const themes = { light: lightTheme, dark: darkTheme } as const;
/** Every theme a chart is rendered in, in the order the page emits them. */
export const THEME_NAMES = ['light', 'dark'] as const;
export type ThemeName = keyof typeof themes;
