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

export const themes = { light: lightTheme } as const;
export type ThemeName = keyof typeof themes;
