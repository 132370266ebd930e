import fs from 'node:fs';
import path from 'node:path';
import type { CalendarDate } from '../data/calendar-date.ts';
import { isCalendarDate } from '../data/calendar-date.ts';
import { cutAsOf } from '../data/cut-as-of.ts';
import { manifestPathOf } from '../data/data-roots.ts';
import { loadDataFile } from '../data/load-table.ts';
import { callSite } from '../data/sql/call-site.ts';
import { runSql } from '../data/sql/run-sql.ts';
import { tableRef } from '../data/sql/views.ts';
import { fail, formatLoc, TallyError, type Loc } from '../core/errors.ts';
import { projectRoot } from '../core/paths.ts';
import { Dataset } from './dataset.ts';
import type { FiguresContext, FiguresModule } from './define-figures.ts';
import { formatValue, parseFormat, type FormatSpec } from './format.ts';
import { noteRead, trackReadsAsync, type SourceRef } from './track-reads.ts';

/** A figure as computed for an issue: checked, formatted and with its provenance. */
export interface ComputedFigure {
  name: string;
  value: number | string;
  format: FormatSpec;
  rendered: string;
  description: string;
  sources: SourceRef[];
  asOf: CalendarDate;
}

export interface ComputedDataset {
  name: string;
  rows: Record<string, unknown>[];
  sources: SourceRef[];
}

export interface IssueFigures {
  figures: Map<string, ComputedFigure>;
  datasets: Map<string, ComputedDataset>;
  /** Every data file the module loaded (path in data/ → digest of the bytes read), sources or not. */
  loaded: Map<string, string>;
}

export function makeContext(asOf: CalendarDate, loc: Loc, loaded = new Map<string, string>()): FiguresContext {
  const load = (file: string) => {
    const l = loadDataFile(file, loc);
    loaded.set(l.entry.file, l.digest);
    return l;
  };
  return {
    asOf,
    data(file, options) {
      const loaded = load(file);
      if (!loaded.table) fail('FiguresModule', loc, `t.data("${file}") needs a table, but ${manifestPathOf(loaded.entry.file)} declares no columns for ${file}; use t.doc("${file}") for a document.`);
      return new Dataset(options?.latest ? loaded.table : cutAsOf(loaded.table, asOf), options?.latest ?? false);
    },
    doc(file) {
      const loaded = load(file);
      noteRead(loaded.entry.file, undefined, false);
      return loaded.document;
    },
    table(file, options) {
      return tableRef(file, options?.latest ?? false, callSite(new Error().stack, loc));
    },
    async sql(strings, ...values) {
      // Taken before the first await: the t.sql line of figures.ts is on this stack only.
      const at = callSite(new Error().stack, loc, strings.raw);
      const { rows, reads } = await runSql(strings, values, asOf, at);
      for (const r of reads) {
        loaded.set(r.file, r.digest);
        noteRead(r.file, undefined, r.latest);
        for (const c of r.columns) noteRead(r.file, c, r.latest);
      }
      return rows;
    },
  };
}

/** Computes every figure and dataset of an issue; any bad value fails naming the figure and its module. */
export async function computeFigures(mod: FiguresModule, asOf: CalendarDate, loc: Loc): Promise<IssueFigures> {
  const loaded = new Map<string, string>();
  const t = makeContext(asOf, loc, loaded);
  const defs = mod.figures(t);
  if (typeof defs !== 'object' || defs === null) fail('FiguresModule', loc, 'The figures function must return an object of named figures.');
  const figures = new Map<string, ComputedFigure>();
  for (const [name, def] of Object.entries(defs)) {
    await within(name, loc, async () => {
      if (typeof def?.value !== 'function') fail('FiguresModule', loc, `Figure "${name}" needs \`value: () => …\`, a function that computes it from data.`);
      if (typeof def.description !== 'string' || !def.description.trim()) fail('FiguresModule', loc, `Figure "${name}" needs a one-line \`description\`.`);
      const format = parseFormat(def.format, loc);
      const { value, sources } = await trackReadsAsync(def.value);
      const defined = (): Loc => ({ file: loc.file, line: definitionLine(loc.file, name) });
      checkValue(name, value, format, defined);
      if (sources.length === 0) fail('FigureWithoutSource', defined(), name);
      figures.set(name, { name, value, format, rendered: formatValue(value, format), description: def.description.trim(), sources, asOf });
    });
  }
  const datasets = new Map<string, ComputedDataset>();
  for (const [name, fn] of Object.entries(mod.datasets?.(t) ?? {})) {
    await within(`dataset ${name}`, loc, async () => {
      const { value, sources } = await trackReadsAsync(fn);
      if (!Array.isArray(value)) fail('FiguresModule', loc, `Dataset "${name}" must return an array of records.`);
      datasets.set(name, { name, rows: value.map((r) => ({ ...r })), sources });
    });
  }
  return { figures, datasets, loaded };
}

/** `loc` is called only on failure: finding the figure's line reads figures.ts. */
function checkValue(name: string, value: unknown, format: FormatSpec, loc: () => Loc): asserts value is number | string {
  if (format.kind === 'date') {
    if (!isCalendarDate(value)) fail('BadFigureValue', loc(), name, `has the date format but its value is ${describe(value)}, not a date (YYYY-MM-DD)`);
    return;
  }
  if (format.kind === 'text') {
    if (typeof value !== 'string' || value.trim() === '') fail('BadFigureValue', loc(), name, `has the text format but its value is ${describe(value)}`);
    return;
  }
  if (typeof value !== 'number') fail('BadFigureValue', loc(), name, `has the ${format.kind} format but its value is ${describe(value)}, not a number`);
  if (!Number.isFinite(value)) fail('BadFigureValue', loc(), name, `is ${describe(value)}, not a finite number`);
}

function describe(v: unknown): string {
  if (v === null) return 'missing (null)';
  if (v === undefined) return 'missing (undefined)';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  // The two usual slips: a query's rows (t.sql gives an array) and a helper's record (max gives { value, date }).
  if (Array.isArray(v)) return `an array of ${v.length} ${v.length === 1 ? 'row' : 'rows'} (t.sql gives rows: return one cell, e.g. rows[0]!.name as number)`;
  if (typeof v === 'object') {
    const keys = Object.keys(v as object);
    return keys.length ? `an object with ${keys.map((k) => `"${k}"`).join(', ')} (return one of them, e.g. ….${keys[0]})` : 'an empty object';
  }
  return `a ${typeof v}`;
}

/** Adds the figure's name to an error raised while computing it. */
async function within(what: string, loc: Loc, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof TallyError) {
      if (!e.message.includes(`figure "${what}"`) && !e.message.includes(`Figure "${what}"`)) {
        e.setMessage(`${e.message} (while computing ${what.startsWith('dataset') ? what : `figure "${what}"`} ${whereIn(e, what, loc)})`);
      }
      throw e;
    }
    // The line is the first frame of the exception's stack inside figures.ts. Where no frame is
    // there (a module Vite transformed), the line that defines the figure is named.
    const err = e instanceof Error ? e : new Error(String(e));
    const at = callSite(err.stack, loc);
    const dataset = what.startsWith('dataset ');
    fail('FigureThrew', at.line ? at : { file: loc.file, line: definitionLine(loc.file, dataset ? what.slice(8) : what) }, dataset ? what : `figure "${what}"`, err.message);
  }
}

/**
 * Where in figures.ts an error from a helper or a data file was raised: the call's line (the
 * first frame of the stack in figures.ts), else the line that defines the figure. An error
 * already located in figures.ts (a t.sql call) keeps the file alone.
 */
function whereIn(e: TallyError, what: string, loc: Loc): string {
  if (e.where?.file === loc.file && e.where.line !== undefined) return `in ${loc.file}`;
  const at = callSite(e.stack, loc);
  const line = at.line ?? definitionLine(loc.file, what.startsWith('dataset ') ? what.slice(8) : what);
  return line === undefined ? `in ${loc.file}` : `at ${formatLoc(at.line !== undefined ? at : { file: loc.file, line })}`;
}

/** The line of figures.ts where `name: {` defines a figure or dataset, if the file reads as written. */
function definitionLine(file: string, name: string): number | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(projectRoot(), file), 'utf8');
  } catch {
    return undefined;
  }
  const key = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(^|[\\s{,])(?:${key}|'${key}'|"${key}")\\s*:`, 'm').exec(text);
  return m ? text.slice(0, m.index + m[1]!.length).split('\n').length : undefined;
}
