import { CHART_PALETTES, COLOUR_ROLES, SENTINELS, type ColourRole, type ThemeName } from './theme.ts';

const ROLE_OF = new Map<string, ColourRole>(COLOUR_ROLES.map((role) => [SENTINELS[role], role]));
const PAINT = /\s(fill|stroke|stop-color)="(#0ca1[0-9a-f]{2})"/g;

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

/** One tag with its sentinel paints as a style's custom properties. */
function withVars(tag: string): string {
  const decls: string[] = [];
  const rest = tag.replace(PAINT, (m, prop: string, value: string) => {
    const role = ROLE_OF.get(value);
    if (!role) return m;
    decls.push(`${prop}:var(--chart-${role})`);
    return '';
  });
  if (!decls.length) return tag;
  const style = /\sstyle="([^"]*)"/.exec(rest);
  if (style) return rest.replace(style[0], ` style="${decls.join(';')};${style[1]}"`);
  const end = rest.endsWith('/>') ? rest.length - 2 : rest.length - 1;
  return `${rest.slice(0, end)} style="${decls.join(';')}"${rest.slice(end)}`;
}

/**
 * The drawing in one scheme's real colours, for a rasterizer that knows no CSS (resvg): each
 * `var(--chart-<role>)` declaration colourVars wrote becomes a presentation attribute again.
 */
export function resolveColours(svg: string, theme: ThemeName = 'light'): string {
  const palette = CHART_PALETTES[theme];
  return svg.replace(/\sstyle="([^"]*var\(--chart-[^"]*)"/g, (_m, style: string) => {
    const attrs: string[] = [];
    const kept: string[] = [];
    for (const decl of style.split(';')) {
      const m = /^(fill|stroke|stop-color):var\(--chart-([a-z0-9]+)\)$/.exec(decl.trim());
      const role = m?.[2] as ColourRole | undefined;
      if (m && role && role in palette) attrs.push(` ${m[1]}="${palette[role]}"`);
      else if (decl.trim()) kept.push(decl);
    }
    return attrs.join('') + (kept.length ? ` style="${kept.join(';')}"` : '');
  });
}

