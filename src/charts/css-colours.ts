import { CHART_PALETTES, COLOUR_ROLES, SENTINELS, type ColourRole, type Palette, type ThemeName } from './theme.ts';

const ROLE_OF = new Map<string, ColourRole>(COLOUR_ROLES.map((role) => [SENTINELS[role], role]));

/**
 * Rewrites the stand-in colours of a drawing (theme.ts SENTINELS) to the page's custom
 * properties: `fill="#0ca101"` becomes `style="fill:var(--chart-label)"` (presentation
 * attributes cannot hold var(); a style attribute can). The page's stylesheet gives each
 * property its light and dark value, so one drawing serves both schemes.
 */
export function colourVars(svg: string): string {
  // Only a tag holding `"#0ca1` can change: each is found from there rather than every tag
  // matched. The tag around a hit is what /<[a-zA-Z][^>]*>/g would match: it starts at the
  // first `<` and letter after the last `>` before the hit, and ends at the next `>`.
  let out = '';
  let done = 0;
  for (let hit = svg.indexOf('"#0ca1'); hit >= 0; hit = svg.indexOf('"#0ca1', hit + 1)) {
    if (hit < done) continue;
    const end = svg.indexOf('>', hit);
    if (end < 0) break;
    let start = svg.lastIndexOf('>', hit) + 1;
    for (start = svg.indexOf('<', start); start >= 0 && start < hit && !isLetter(svg.charCodeAt(start + 1)); start = svg.indexOf('<', start + 1));
    if (start < 0 || start >= hit) continue;
    out += svg.slice(done, start) + withVars(svg.slice(start, end + 1));
    done = end + 1;
    hit = end;
  }
  return done === 0 ? svg : out + svg.slice(done);
}

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * One tag with its stand-in paints as a style's custom properties: what replacing PAINT in it
 * would do, each ` fill="#0ca1xx"` (or stroke, stop-color) of a known role found by hand.
 */
function withVars(tag: string): string {
  let decls = '';
  let rest = '';
  let done = 0;
  for (let at = tag.indexOf('="#0ca1'); at >= 0; at = tag.indexOf('="#0ca1', at + 1)) {
    const role = tag.charCodeAt(at + 9) === 34 ? ROLE_OF.get(tag.slice(at + 2, at + 9)) : undefined;
    if (!role) continue;
    const prop = tag.endsWith('fill', at) ? 'fill' : tag.endsWith('stroke', at) ? 'stroke' : tag.endsWith('stop-color', at) ? 'stop-color' : undefined;
    const start = prop === undefined ? -1 : at - prop.length - 1;
    if (start < done || !SPACE.test(tag[start]!)) continue;
    decls += `${decls ? ';' : ''}${prop}:var(--chart-${role})`;
    rest += tag.slice(done, start);
    done = at + 10;
  }
  if (!decls) return tag;
  rest += tag.slice(done);
  const style = /\sstyle="([^"]*)"/.exec(rest);
  if (style) return rest.replace(style[0], ` style="${decls};${style[1]}"`);
  const end = rest.endsWith('/>') ? rest.length - 2 : rest.length - 1;
  return `${rest.slice(0, end)} style="${decls}"${rest.slice(end)}`;
}

const SPACE = /\s/;

/**
 * The drawing in one scheme's real colours, for a rasterizer that knows no CSS (resvg): each
 * `var(--chart-<role>)` declaration colourVars wrote becomes a presentation attribute again.
 * What `svg.replace(/\sstyle="([^"]*var\(--chart-[^"]*)"/g, …)` would do, with each style found
 * by indexOf and the one-declaration styles colourVars writes (a chart's lines hold thousands)
 * looked up: the regular expression and a split per style were most of an email's colours.
 */
export function resolveColours(svg: string, theme: ThemeName = 'light'): string {
  const known = RESOLVED[theme];
  let out = '';
  let done = 0;
  for (let at = svg.indexOf(STYLE_OPEN); at >= 0; at = svg.indexOf(STYLE_OPEN, at + 1)) {
    if (at === 0 || (svg.charCodeAt(at - 1) !== 32 && !SPACE.test(svg[at - 1]!))) continue;
    const start = at + STYLE_OPEN.length;
    const end = svg.indexOf('"', start);
    if (end < 0) break;
    const style = svg.slice(start, end);
    if (!style.includes('var(--chart-')) continue;
    out += svg.slice(done, at - 1) + (known.get(style) ?? resolvedStyle(style, CHART_PALETTES[theme]));
    done = end + 1;
    at = end;
  }
  return done === 0 ? svg : out + svg.slice(done);
}

const STYLE_OPEN = 'style="';

/** A style's `fill|stroke|stop-color:var(--chart-<role>)` declarations as attributes, the rest kept in a style. */
function resolvedStyle(style: string, palette: Palette): string {
  const attrs: string[] = [];
  const kept: string[] = [];
  for (const decl of style.split(';')) {
    const m = /^(fill|stroke|stop-color):var\(--chart-([a-z0-9]+)\)$/.exec(decl.trim());
    const role = m?.[2] as ColourRole | undefined;
    if (m && role && role in palette) attrs.push(` ${m[1]}="${palette[role]}"`);
    else if (decl.trim()) kept.push(decl);
  }
  return attrs.join('') + (kept.length ? ` style="${kept.join(';')}"` : '');
}

/** Per scheme, what resolvedStyle gives each style of one declaration colourVars writes. */
const resolvedStyles = (palette: Palette): ReadonlyMap<string, string> =>
  new Map(COLOUR_ROLES.flatMap((role) => ['fill', 'stroke', 'stop-color'].map((prop) => `${prop}:var(--chart-${role})`)).map((style) => [style, resolvedStyle(style, palette)]));
const RESOLVED: Record<ThemeName, ReadonlyMap<string, string>> = { light: resolvedStyles(CHART_PALETTES.light), dark: resolvedStyles(CHART_PALETTES.dark) };
