/**
 * The browser's side of the file the interactive layer draws a chart from (its shape:
 * src/charts/interactive-file.ts, written at build time by src/charts/interactive-spec.ts).
 */
import { INGEST, readInteractiveFile, TABLE_REF, type InteractiveChart, type InteractiveFile } from '../charts/interactive-file.ts';
import { COLOUR_ROLES, SENTINELS, type Palette } from '../charts/theme.ts';

export type { InteractiveChart, InteractiveFile };

/** The chart a fetched file holds, its tables (written by column) read back into rows once. */
export const chartOfFile = (file: InteractiveFile): InteractiveChart => readInteractiveFile(file);

const STAND_IN = /#0ca1[0-9a-f]{2}/g;
const ROLE_OF = new Map<string, (typeof COLOUR_ROLES)[number]>(COLOUR_ROLES.map((role) => [SENTINELS[role], role]));

/**
 * One view's dataflow ready for Vega's View: its tables put back (copies: Vega's transforms write
 * into the rows) and each stand-in colour, in values and expressions alike, the palette's.
 */
export function dataflowOf(chart: InteractiveChart, view: string, palette: Palette): unknown {
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return node.includes('#0ca1') ? node.replace(STAND_IN, (c) => palette[ROLE_OF.get(c)!] ?? c) : node;
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      const ref = k === INGEST && typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[TABLE_REF] : undefined;
      out[k] = typeof ref === 'number' ? structuredClone(chart.data[ref]) : walk(v);
    }
    return out;
  };
  if (!(view in chart.views)) throw new Error(`no view "${view}" in the chart file`);
  return walk(chart.views[view]);
}
