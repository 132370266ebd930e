/**
 * The interactive layer's file made in the build's main thread, from the bound spec it holds:
 * the same bytes interactive-spec.ts makes from the spec's JSON in a worker, without writing every
 * row to JSON, sending it to a worker and reading it back there. A 20,000-row daily series went
 * that way twice per chart, and its garbage kept both threads' collectors busy. Here the rows
 * never leave the thread: each table is written once, by column, its dates made local as it is
 * written (interactive-file.ts), and only the spec without its rows goes to a worker, to be
 * compiled once per shape and layout.
 *
 * Single and layered views only: a composite's layout draws its rows to measure them
 * (fit-composite.ts), and is made from the spec's JSON as before.
 */
import { isSingleView, LAYOUT_NAMES, layoutSpec, type LayoutName } from './chart-layout.ts';
import { cachedTableJson, compileMemo, fillJson, jsonTemplate, setRowsAside, tablePlaces, type JsonTemplate } from './compile-memo.ts';
import { localRowsJson, localTableJson, TABLE_REF } from './interactive-file.ts';
import { temporalFields } from './local-dates.ts';

/** Compiles a layout's spec without its rows to Vega's dataflow, as JSON (interactive-spec.ts rowlessDataflowJson, in a worker). */
export type DataflowCompiler = (layout: LayoutName, rowlessJson: string) => Promise<string>;

/** The dataflows compiled for this thread, as templates, by layout and spec without rows. */
const templates = compileMemo<Promise<JsonTemplate | undefined>>(64);

/**
 * The file for the chart's spec with every row (not changed), or undefined when it must be
 * made from the spec's JSON instead: a composite, a value JSON would change, or a dataflow that
 * holds a table's stand-in where Vega does not ingest it. Rejects when the compile does.
 */
export async function interactiveFileFromRows(spec: Record<string, unknown>, compileDataflow: DataflowCompiler): Promise<string | undefined> {
  if (!isSingleView(spec)) return undefined;
  const local = temporalFields(spec);
  // Each table's rows as the file writes them, dates made local: what equal tables are told apart by.
  const jsonCache = new Map<unknown[], string>();
  const write = (rows: unknown[]) => localRowsJson(rows, local);
  const jsonOf = cachedTableJson(jsonCache, write);
  // The view's dates are local times, not calendar dates: Vega chooses their ticks (layoutSpec).
  const laid = LAYOUT_NAMES.map((layout) => ({ layout, aside: setRowsAside(layoutSpec(spec, layout, undefined, { planTicks: false }), jsonCache, write) }));
  // Each table as the file holds it, before anything is compiled: a value JSON would change sends the chart the other way.
  const written = new Map<unknown[], string>();
  for (const { aside } of laid) {
    for (const rows of aside.tables) {
      if (written.has(rows)) continue;
      const json = localTableJson(rows, local, jsonOf);
      if (json === undefined) return undefined;
      written.set(rows, json);
    }
  }
  const made = await Promise.all(laid.map(({ layout, aside }) => templateOf(layout, aside.json, compileDataflow)));
  if (made.some((t) => t === undefined)) return undefined;

  // As interactive-spec.ts places them: in the order the views name them, equal tables once.
  const { tables, placeOf } = tablePlaces(jsonOf);
  const views = laid.map(({ layout, aside }, k) => `"${layout}":${fillJson(made[k]!, (i) => `{"${TABLE_REF}":${placeOf(aside.tables[i]!)}}`)}`);
  const data = tables.map((rows) => written.get(rows)!);
  return `{"data":[${data.join(',')}],"views":{${views.join(',')}}}`;
}

function templateOf(layout: LayoutName, rowlessJson: string, compileDataflow: DataflowCompiler): Promise<JsonTemplate | undefined> {
  const key = `${layout}\0${rowlessJson}`;
  let made = templates.get(key);
  if (!made) {
    made = compileDataflow(layout, rowlessJson).then(jsonTemplate);
    templates.set(key, made);
    // A failed compile is not remembered (a worker can fail for want of memory): the next chart tries again.
    made.catch(() => templates.delete(key));
  }
  return made;
}
