import { CHART_PALETTES, COLOUR_ROLES, SENTINELS, type ColourRole, type ThemeName } from '../../../src/charts/theme.ts';

const ROLE_OF = new Map<string, ColourRole>(COLOUR_ROLES.map((role) => [SENTINELS[role], role]));
const PAINT = /\s(fill|stroke|stop-color)="(#0ca1[0-9a-f]{2})"/g;

/**
 * Rewrites the stand-in colours of a drawing (theme.ts SENTINELS) to the page's custom
 * properties: `fill="#0ca101"` becomes `style="fill:var(--chart-label)"` (presentation
 * attributes cannot hold var(); a style attribute can). The page's stylesheet gives each
 * property its light and dark value, so one drawing serves both schemes.
 */
export function colourVars(svg: string): string {
  return svg.replace(/<[a-zA-Z][^>]*>/g, (tag) => {
    if (!tag.includes('"#0ca1')) return tag;
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
    return rest.replace(/(\/?>)$/, ` style="${decls.join(';')}"$1`);
  });
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

