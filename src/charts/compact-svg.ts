import { FONT } from './theme.ts';

const GEOMETRY = /\s(transform|d|x|y|x1|x2|y1|y2|dx|dy|width|height|cx|cy|r|points)="([^"]*)"/g;
const THEME_FONT = ` font-family="${FONT.replace(/"/g, '&quot;')}"`;

/**
 * Takes out of Vega's SVG what draws nothing, so a page carries half the bytes for the same
 * picture: the theme's font named once on the root instead of on every label (inherited),
 * coordinates to a hundredth of a pixel, `opacity="1"`, empty background and foreground paths,
 * the pointer-events and aria-hidden attributes of a static image that is named as a whole
 * (build-chart.ts accessibleSvg), and attributes each child of a group repeats, set once on the
 * group. Deterministic: the same input gives the same bytes.
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
  return `${open[0].slice(0, -1)}${THEME_FONT}>${hoistShared(body)}`;
}

/** Inherited presentation attributes: set on a group, they apply to each child that has none. */
const INHERITED = ['style', 'stroke-width', 'font-size', 'font-weight', 'text-anchor', 'fill', 'stroke', 'fill-opacity', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap'];
const LEAF_GROUP = /(<g class="mark-[^"]*"[^>]*>)((?:(?!<g[\s>]|<\/g>)[\s\S])*)<\/g>/g;
const CHILD = /<(path|line|rect|circle|ellipse|polygon|polyline|text|image)\b([^>]*)>/g;

/**
 * Moves an attribute every child of a mark group repeats (each grid line's colour and width,
 * each label's size, anchor and colour) onto the group once. Only inherited properties, only
 * when every child has the same value and the group sets none: the drawing is the same.
 */
export function hoistShared(body: string): string {
  return body.replace(LEAF_GROUP, (whole, open: string, content: string) => {
    const tags = [...content.matchAll(CHILD)].map((m) => m[2]!);
    const elements = (content.match(/<(?![\/!]|tspan\b)/g) ?? []).length;
    if (tags.length < 2 || tags.length !== elements) return whole;
    let head = open;
    let inner = content;
    for (const name of INHERITED) {
      if (new RegExp(`\\s${name}="`).test(head)) continue;
      const first = new RegExp(`\\s${name}="([^"]*)"`).exec(tags[0]!)?.[1];
      if (first === undefined || !tags.every((t) => t.includes(` ${name}="${first}"`))) continue;
      const attr = ` ${name}="${first}"`;
      inner = inner.replace(CHILD, (tag) => tag.replace(attr, ''));
      head = `${head.slice(0, -1)}${attr}>`;
    }
    return `${head}${inner}</g>`;
  });
}

function round(n: string): string {
  const r = Math.round(Number(n) * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}
