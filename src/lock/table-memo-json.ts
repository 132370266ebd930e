import { canonicalJson } from './canonical-json.ts';

/** Tables of fewer rows are printed afresh: remembering them costs more than it saves. */
const MIN_ROWS = 64;
/** Nor are tables of more rows remembered. */
const MAX_ROWS = 200_000;
/** Rows remembered in all (some tens of MB at most), the shapes least recently printed forgotten first. */
const MAX_KEPT_ROWS = 400_000;

/** The last long table printed for one shape of row: its cells, row after row, and each row as printed. */
interface TableMemo {
  cells: unknown[];
  printed: string[];
}

/**
 * A printer of canonical JSON (canonicalJson's very string) that remembers the last long table
 * it printed for each shape of row. The lock digests each chart's bound rows, and one process
 * binds the same series for issue after issue, each cut at its own asOf: a row whose cells
 * equal (===) the remembered row's at the same place prints as that row did, so it is compared
 * rather than copied and printed again. A table is an array of plain objects with the same keys
 * in the same order, whose cells are strings, numbers, booleans, null or undefined. A value that
 * holds anything but plain objects, arrays and such cells is printed by canonicalJson whole.
 */
export function tableMemoJson(): (value: unknown) => string {
  const memos = new Map<string, TableMemo>();
  return (value) => {
    const writer = new Writer(memos);
    return writer.value(value) ? writer.out : canonicalJson(value);
  };
}

class Writer {
  out = '';
  private readonly memos: Map<string, TableMemo>;

  constructor(memos: Map<string, TableMemo>) {
    this.memos = memos;
  }

  /** Appends a value that prints (not undefined, a function or a symbol); false when it is not plain. */
  value(v: unknown): boolean {
    if (typeof v !== 'object' || v === null) {
      const printed = cellJson(v);
      if (printed === undefined) return false;
      this.out += printed;
      return true;
    }
    if (Array.isArray(v)) return this.array(v);
    const keys = plainKeys(v);
    if (!keys) return false;
    let open = '{';
    for (const key of sortedKeys(keys)) {
      const item = (v as Record<string, unknown>)[key];
      // Keys whose values do not print are left out, as the sorted copy leaves them out.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      this.out += `${open}${JSON.stringify(key)}:`;
      open = ',';
      if (!this.value(item)) return false;
    }
    this.out += open === '{' ? '{}' : '}';
    return true;
  }

  private array(list: unknown[]): boolean {
    if (Object.getPrototypeOf(list) !== Array.prototype || Object.hasOwn(list, 'toJSON')) return false;
    const table = list.length >= MIN_ROWS && list.length <= MAX_ROWS ? this.table(list) : undefined;
    if (table !== undefined) {
      this.out += table;
      return true;
    }
    this.out += '[';
    for (let i = 0; i < list.length; i++) {
      if (i) this.out += ',';
      const item: unknown = list[i];
      // A hole, undefined, a function or a symbol prints as null in an array.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') this.out += 'null';
      else if (!this.value(item)) return false;
    }
    this.out += ']';
    return true;
  }

  /** The rows printed, the remembered table's where they agree; undefined when they are not one table. */
  private table(rows: unknown[]): string | undefined {
    const keys = plainKeys(rows[0]);
    if (!keys || !keys.length) return undefined;
    const order = sortedKeys(keys);
    const heads = order.map((k) => `${JSON.stringify(k)}:`);
    const id = JSON.stringify(keys);
    const memo = this.memos.get(id) ?? { cells: [], printed: [] };
    const width = keys.length;
    const printed = new Array<string>(rows.length);
    // The rows from `same` on are not the memo's: they are printed, and their cells kept.
    let same = Math.min(rows.length, memo.printed.length);
    const cells: unknown[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as Record<string, unknown>;
      if (typeof row !== 'object' || row === null || Object.getPrototypeOf(row) !== Object.prototype) return undefined;
      // for…in reads the keys and cells of rows of one shape through the shape's own cache, with
      // no list of keys made per row; an inherited key it lists sets the row apart from the table.
      let j = 0;
      let equal = i < same;
      const at = i * width;
      for (const key in row) {
        if (key !== keys[j]) return undefined;
        if (equal && row[key] !== memo.cells[at + j]) equal = false;
        j++;
      }
      if (j !== width) return undefined;
      if (equal) {
        printed[i] = memo.printed[i]!;
        continue;
      }
      if (i < same) same = i;
      let text = '';
      for (let k = 0; k < width; k++) {
        const cell = row[order[k]!];
        cells.push(row[keys[k]!]);
        if (cell === undefined) continue;
        const json = cellJson(cell);
        if (json === undefined) return undefined;
        text += `${text ? ',' : ''}${heads[k]!}${json}`;
      }
      printed[i] = `{${text}}`;
    }
    // The memo keeps the longer of the two where they agree, so that an earlier cut still matches.
    if (same < memo.printed.length && same < rows.length) {
      memo.printed.length = same;
      memo.cells.length = same * width;
    }
    // The rows printed are the last ones, from where the memo now ends.
    if (rows.length > memo.printed.length) {
      for (let i = memo.printed.length; i < rows.length; i++) memo.printed.push(printed[i]!);
      for (const cell of cells) memo.cells.push(cell);
    }
    this.memos.delete(id);
    this.memos.set(id, memo);
    let kept = 0;
    for (const m of this.memos.values()) kept += m.printed.length;
    for (const [oldest, m] of this.memos) {
      if (kept <= MAX_KEPT_ROWS || oldest === id) break;
      kept -= m.printed.length;
      this.memos.delete(oldest);
    }
    return `[${printed.join(',')}]`;
  }
}

/** JSON of a string, number, boolean or null, as JSON.stringify prints it; undefined for anything else. */
function cellJson(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      return v === null ? 'null' : undefined;
  }
}

/** The own keys of a plain object whose sorted copy prints them as they are; undefined for any other value. */
function plainKeys(v: unknown): string[] | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const keys = Object.keys(v);
  // `__proto__` and `toJSON` act on the sorted copy instead of printing as keys.
  return keys.includes('__proto__') || keys.includes('toJSON') ? undefined : keys;
}

/** The keys in the order the sorted copy lists them: array-index keys first in numeric order, then the others sorted. */
function sortedKeys(keys: readonly string[]): string[] {
  const copy = Object.create(null) as Record<string, true>;
  for (const k of [...keys].sort()) copy[k] = true;
  return Object.keys(copy);
}
