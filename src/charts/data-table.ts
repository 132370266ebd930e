/** The data behind a chart as a table: the fallback for readers who cannot see the SVG. */
export interface DataTable {
  columns: string[];
  rows: string[][];
  /** Rows left out of the table to keep the page light. */
  omitted: number;
}

export const MAX_TABLE_ROWS = 400;

/** Fields a spec encodes (x, y, color…), in the order they first appear. */
export function encodedFields(spec: unknown): string[] {
  const fields: string[] = [];
  const walk = (node: unknown, inEncoding: boolean): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, inEncoding));
    if (typeof node !== 'object' || node === null) return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'data' || k === 'datasets') continue;
      if (inEncoding && k === 'field' && typeof v === 'string' && !fields.includes(v)) fields.push(v);
      walk(v, inEncoding || k === 'encoding');
    }
  };
  walk(spec, false);
  return fields;
}

export function buildDataTable(rows: readonly Record<string, unknown>[], fields: string[]): DataTable {
  const keys = rows.length ? Object.keys(rows[0]!) : [];
  // Encoded fields, when the raw rows hold them all; a transform (fold, calculate) derives
  // fields the rows lack, and then the table shows every column of the data instead.
  const cols = fields.length && fields.every((f) => keys.includes(f)) ? fields : keys;
  const shown = rows.slice(0, MAX_TABLE_ROWS);
  return {
    columns: cols,
    rows: shown.map((r) => cols.map((c) => (r[c] === null || r[c] === undefined ? '' : typeof r[c] === 'number' ? formatCell(r[c]) : String(r[c])))),
    omitted: rows.length - shown.length,
  };
}

function formatCell(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6);
}
