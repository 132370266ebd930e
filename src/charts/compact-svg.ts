import { FONT } from './theme.ts';

const GEOMETRY = /\s(transform|d|x|y|x1|x2|y1|y2|dx|dy|width|height|cx|cy|r|points)="([^"]*)"/g;
const THEME_FONT = ` font-family="${FONT.replace(/"/g, '&quot;')}"`;

/**
 * Takes out of Vega's SVG what draws nothing, so a page carries half the bytes for the same
 * picture: the theme's font named once on the root instead of on every label (inherited),
 * coordinates to a hundredth of a pixel, `opacity="1"`, empty background and foreground paths,
 * and the pointer-events and aria-hidden attributes of a static image that is named as a whole
 * (build-chart.ts accessibleSvg). Deterministic: the same input gives the same bytes.
 */
export function compactSvg(svg: string): string {
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) return svg;
  const body = svg
    .slice(open[0].length)
    .replace(/<path class="(?:background|foreground)"[^>]*\sd="(?:M0,0h0v0h0Z)?"[^>]*\/>/g, '')
    .split(THEME_FONT)
    .join('')
    .replace(/\s(?:opacity="1"|pointer-events="none"|aria-hidden="true")/g, '')
    .replace(GEOMETRY, (_m, name: string, value: string) => ` ${name}="${value.replace(/-?\d+\.\d{3,}(?![\de])/g, round)}"`);
  return `${open[0].slice(0, -1)}${THEME_FONT}>${body}`;
}

function round(n: string): string {
  const r = Math.round(Number(n) * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}
