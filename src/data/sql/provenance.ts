import type { ParseNode } from './sandbox.ts';
import type { TableView } from './views.ts';

/** A view a query reads, with its columns as the view has them. */
export interface ViewColumns {
  view: TableView;
  columns: readonly string[];
}

/** What one query read: each view's data file, and the columns it referred to. */
export type QueryReads = Map<TableView, Set<string>>;

type Scope = Map<string, ViewColumns>;

/**
 * The files and columns a query reads, from DuckDB's parse of it (never from its text): every
 * view named in a FROM is a file read; a column reference counts for the view its qualifier
 * names, or, unqualified, for the views of the nearest FROM that have that column; `*` counts
 * every column of the views it expands. References to a CTE's or a subquery's own columns were
 * counted where those read the views.
 */
export function readsOf(root: ParseNode, views: readonly ViewColumns[]): QueryReads {
  const byName = new Map(views.map((v) => [v.view.name.toLowerCase(), v]));
  const reads: QueryReads = new Map();
  const note = (v: ViewColumns, column?: string) => {
    let set = reads.get(v.view);
    if (!set) reads.set(v.view, (set = new Set()));
    if (column !== undefined) set.add(column);
  };

  const visit = (node: unknown, chain: readonly Scope[]): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, chain));
    if (typeof node !== 'object' || node === null) return;
    const n = node as ParseNode;
    if (n.type === 'SELECT_NODE') {
      const own: Scope = new Map();
      fromViews(n.from_table, byName, own);
      for (const v of own.values()) note(v);
      chain = [own, ...chain];
    } else if (n.class === 'COLUMN_REF') {
      const names = n.column_names as string[];
      const column = names[names.length - 1]!;
      if (names.length >= 2) {
        const v = chain.find((s) => s.has(names[names.length - 2]!.toLowerCase()))?.get(names[names.length - 2]!.toLowerCase());
        const real = v && find(v, column);
        if (v && real) note(v, real);
      } else {
        for (const scope of chain) {
          const having = [...new Set(scope.values())].filter((v) => find(v, column));
          if (having.length === 0) continue;
          for (const v of having) note(v, find(v, column));
          break;
        }
      }
    } else if (n.class === 'STAR') {
      const relation = String(n.relation_name ?? '').toLowerCase();
      const excluded = new Set((n.exclude_list as unknown[] | undefined ?? []).map((e) => String(e).toLowerCase()));
      const targets = relation ? [chain.find((s) => s.has(relation))?.get(relation)] : [...new Set(chain[0]?.values() ?? [])];
      for (const v of targets) if (v) for (const c of v.columns) if (!excluded.has(c.toLowerCase())) note(v, c);
    } else if (n.type === 'JOIN' && Array.isArray(n.using_columns)) {
      for (const c of n.using_columns as string[]) for (const v of new Set(chain[0]?.values() ?? [])) if (find(v, c)) note(v, find(v, c));
    }
    for (const value of Object.values(n)) visit(value, chain);
  };
  visit(root, []);
  return reads;
}

/** The views a FROM clause names directly (through joins, not into subqueries), by alias and by name. */
function fromViews(table: unknown, byName: Map<string, ViewColumns>, scope: Scope): void {
  if (typeof table !== 'object' || table === null) return;
  const t = table as ParseNode;
  if (t.type === 'JOIN') {
    fromViews(t.left, byName, scope);
    fromViews(t.right, byName, scope);
  } else if (t.type === 'BASE_TABLE') {
    const v = byName.get(String(t.table_name).toLowerCase());
    if (!v) return;
    scope.set(String(t.alias || t.table_name).toLowerCase(), v);
  }
}

function find(v: ViewColumns, column: string): string | undefined {
  const lower = column.toLowerCase();
  return v.columns.find((c) => c.toLowerCase() === lower);
}
