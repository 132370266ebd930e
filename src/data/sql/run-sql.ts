import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { closest, fail, TallyError, type Loc } from '../../core/errors.ts';
import { dataDir } from '../../core/paths.ts';
import type { CalendarDate } from '../calendar-date.ts';
import { fileDigest } from '../file-digest.ts';
import { quoteIdent, sqlEngine, withConnection } from './instance.ts';
import { readsOf, type ViewColumns } from './provenance.ts';
import { boundParams, plainRows, type SqlRow } from './rows.ts';
import { parseSelect } from './sandbox.ts';
import { ensureView, TableRef, type TableView } from './views.ts';

/** A data file a query read: its columns, whether it opted out of the as-of cut, and the digest of its bytes. */
export interface SqlRead {
  file: string;
  columns: string[];
  latest: boolean;
  digest: string;
}

export interface SqlResult {
  rows: SqlRow[];
  reads: SqlRead[];
}

/**
 * Runs a `t.sql` tagged template: each interpolated TableRef becomes its view's name, every other
 * value a bound parameter ($1, $2…). The statement is parsed and checked first (sandbox.ts);
 * the rows come back as plain values (rows.ts), with the files and columns read (provenance.ts).
 * Every failure names `loc`, the place of the t.sql call.
 */
export async function runSql(strings: readonly string[], values: readonly unknown[], asOf: CalendarDate, loc: Loc): Promise<SqlResult> {
  const engine = await sqlEngine();
  return withConnection(engine, async (conn) => {
    const views: TableView[] = [];
    const params: unknown[] = [];
    let sql = strings[0]!;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v instanceof TableRef) {
        const view = await located(loc, [], () => ensureView(engine, conn, v, asOf));
        if (!views.includes(view) && !views.some((w) => w.name === view.name)) views.push(view);
        sql += quoteIdent(view.name);
      } else {
        params.push(v);
        sql += `$${params.length}`;
      }
      sql += strings[i + 1]!;
    }
    const bound = boundParams(params, loc);
    const root = await parseSelect(conn, sql, views, loc);
    const withColumns = await Promise.all(views.map(async (view) => ({ view, columns: await located(loc, [], () => columnsOf(conn, view.name)) })));
    const known = withColumns.flatMap((v) => v.columns);
    const digests = views.map((v) => fileDigest(v.ref.abs)?.slice(0, 16) ?? '');
    const reader = await located(loc, known, () => conn.runAndReadAll(sql, bound));
    const rows = plainRows(reader, loc);
    const reads = readsOf(root, withColumns);
    return {
      rows,
      reads: views.flatMap((view, i) => {
        const columns = reads.get(view);
        return columns ? [{ file: view.ref.file, columns: [...columns].sort(), latest: view.ref.latest, digest: digests[i]! }] : [];
      }),
    };
  });
}

async function columnsOf(conn: DuckDBConnection, view: string): Promise<string[]> {
  const reader = await conn.runAndReadAll(`SELECT column_name FROM (DESCRIBE ${quoteIdent(view)})`);
  return reader.getRows().map((r) => String(r[0]));
}

/** Runs a DuckDB call, turning its error into a located SqlError with the closest names. */
async function located<T>(loc: Loc, known: readonly string[], fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof TallyError) throw e;
    const { message, near } = explain((e as Error).message ?? String(e), known);
    return fail('SqlError', loc, message, near);
  }
}

/**
 * DuckDB's message, kept to its first paragraph (the `LINE 1:` echo shows Tally's rewritten
 * text, not the author's), with absolute data paths made relative to the project, and the
 * names closest to an unknown column.
 */
export function explain(raw: string, known: readonly string[]): { message: string; near: string[] } {
  const file = raw.match(/^\s*file = (.+)$/m)?.[1]?.trim();
  const lines = raw.split(/\n\s*\n/)[0]!.split('\n').filter((l) => !/^Candidate bindings:/.test(l.trim()));
  let message = lines.map((l) => l.trim()).filter(Boolean).join(' ').replace(/!$/, '');
  if (file) message += ` (reading ${path.relative(path.dirname(dataDir()), file).split(path.sep).join('/')})`;
  message = message.replaceAll(`${dataDir()}${path.sep}`, 'data/');
  const column = raw.match(/column "([^"]+)" (?:not found|was not found|does not exist)/i)?.[1];
  const near = column ? closest(column.replace(/^.*\./, ''), [...new Set(known)]) : [];
  return { message, near };
}
