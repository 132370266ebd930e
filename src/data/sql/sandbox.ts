import type { DuckDBConnection } from '@duckdb/node-api';
import { closest, fail, type Loc } from '../../core/errors.ts';
import { knownDataFiles } from '../load-table.ts';
import type { TableView } from './views.ts';

/** A node of DuckDB's own parse of the statement, as json_serialize_sql writes it. */
export type ParseNode = { [key: string]: unknown };

/** Table functions that make rows without reading anything. */
const PURE_TABLE_FUNCTIONS = new Set(['range', 'generate_series', 'unnest']);

/**
 * DuckDB parses the query (json_serialize_sql) and Tally checks the parse before anything runs:
 * one statement, a SELECT (so COPY, ATTACH, INSTALL, SET, PRAGMA… are refused: they cannot be
 * serialized), whose tables are only the `t.table(…)` views of this query and its own CTEs: a
 * table function such as read_csv() or a file named as a table is refused, so every row a
 * figure reads comes through a view that is cut at the issue's asOf and recorded as a source.
 * The engine's own settings (instance.ts) stop file and network access besides.
 */
export async function parseSelect(conn: DuckDBConnection, sql: string, views: readonly TableView[], loc: Loc): Promise<ParseNode> {
  const reader = await conn.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql]);
  const parsed = JSON.parse(String(reader.getRows()[0]![0])) as { error: boolean; error_type?: string; error_message?: string; statements?: { node: ParseNode }[] };
  if (parsed.error) {
    if (parsed.error_type === 'parser') fail('SqlError', loc, `DuckDB could not parse the query: ${parsed.error_message}`, []);
    fail('SqlRefused', loc, `${notSelect(sql)} is not a SELECT; a figure's query only reads`, 'Write one SELECT (or WITH … SELECT) over ${t.table("file.csv")} views; statements that write files, attach databases, install extensions or change settings are refused.');
  }
  const statements = parsed.statements ?? [];
  if (statements.length !== 1) fail('SqlRefused', loc, `the text holds ${statements.length} statements; t.sql runs one`, 'Remove the extra statements (a `;` in the middle of the query), or make a t.sql call for each.');
  const root = statements[0]!.node;
  checkTables(root, views, ctesOf(root), loc);
  return root;
}

function checkTables(node: unknown, views: readonly TableView[], ctes: Set<string>, loc: Loc): void {
  if (Array.isArray(node)) return node.forEach((n) => checkTables(n, views, ctes, loc));
  if (typeof node !== 'object' || node === null) return;
  const n = node as ParseNode;
  if (n.type === 'TABLE_FUNCTION') {
    const name = String((n.function as ParseNode | undefined)?.function_name ?? '');
    if (!PURE_TABLE_FUNCTIONS.has(name.toLowerCase())) {
      fail('SqlRefused', loc, `the query calls the table function ${name}(), which reads outside the issue's tables`, 'Name a data file with ${t.table("file.csv")}: its view is cut at the issue\'s asOf and recorded as the figure\'s source.');
    }
  } else if (n.type === 'SHOW_REF' && n.table_name) {
    fail('SqlRefused', loc, `SHOW and DESCRIBE of ${String(n.table_name)} list the engine's catalogue`, 'Query the data with ${t.table("file.csv")}.');
  } else if (n.type === 'BASE_TABLE') {
    const name = String(n.table_name);
    const known = n.schema_name === '' && n.catalog_name === '' && (ctes.has(name.toLowerCase()) || views.some((v) => v.name.toLowerCase() === name.toLowerCase()));
    if (!known) {
      const near = nearestFiles(name, loc.file);
      fail('SqlRefused', loc, `the query reads the table "${name}", which is neither a t.table(…) of this query nor one of its CTEs${near.length ? `. Did you mean ${near.map((f) => `\${t.table(${JSON.stringify(f)})}`).join(' or ')}?` : ''}`, 'Interpolate each data file as ${t.table("file.csv")} (declared in data/manifest.yaml); tables and files cannot be named in the SQL text.');
    }
  }
  for (const value of Object.values(n)) checkTables(value, views, ctes, loc);
}

/** Names of every CTE in the statement, at any depth (lower case: SQL names are case-insensitive). */
function ctesOf(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => ctesOf(n, found));
  else if (typeof node === 'object' && node !== null) {
    const map = (node as { cte_map?: { map?: { key: string }[] } }).cte_map?.map;
    for (const cte of map ?? []) found.add(cte.key.toLowerCase());
    for (const value of Object.values(node)) ctesOf(value, found);
  }
  return found;
}

/** Data files whose name, with or without its extension, is close to a table name. */
function nearestFiles(name: string, from: string | undefined): string[] {
  const files = knownDataFiles(from);
  const stems = new Map(files.map((f) => [f.replace(/\.[^.]+$/, ''), f]));
  const base = name.replace(/^.*\//, '');
  return [...new Set([...closest(base, files), ...closest(base, [...stems.keys()]).map((s) => stems.get(s)!)])].slice(0, 3);
}

/** For the message only (DuckDB's parse made the decision): the first statement's keyword that does not begin a query. */
function notSelect(sql: string): string {
  const words = sql.split(';').map((part) => part.trim().match(/^[A-Za-z]+/)?.[0]?.toUpperCase());
  return words.find((w) => w && !['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE'].includes(w)) ?? 'The statement';
}
