import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { store } from '../../cache/stores.ts';
import { dataDir, issuesDir } from '../../core/paths.ts';
import { duckDbMemoryLimit } from './memory-limit.ts';

/** The engine of one data folder: its instance, and the views made in it so far (name → definition). */
export interface SqlEngine {
  readonly dir: string;
  readonly instance: DuckDBInstance;
  readonly views: Map<string, string>;
}

interface State {
  engines: Map<string, Promise<SqlEngine>>;
  hooked: boolean;
}

/**
 * Kept on globalThis: Vite's module runner and plain Node each load this module, and a build
 * runs both in one process; one in-memory DuckDB per data folder serves them all.
 */
const state = ((globalThis as { __tallySql?: State }).__tallySql ??= { engines: new Map(), hooked: false });

/** The engine for the site's data/ folder, created on first use with its sandbox locked. */
export function sqlEngine(): Promise<SqlEngine> {
  const dir = dataDir();
  let engine = state.engines.get(dir);
  if (!engine) {
    engine = openEngine(dir);
    state.engines.set(dir, engine);
    engine.catch(() => state.engines.delete(dir));
  }
  if (!state.hooked) {
    state.hooked = true;
    // The native instance holds no event-loop handle, so this runs once a build or command is
    // done, and never keeps Node alive.
    process.once('beforeExit', () => void closeSql());
  }
  return engine;
}

async function openEngine(dir: string): Promise<SqlEngine> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    // Only data/, the issues' folders (their own data/) and the checked copies of large tables
    // (written by Tally's check, read by the views) are open, nothing is installed or loaded, and
    // the settings cannot be changed back by a query. Views are made later: they read inside
    // those folders, which stay allowed. (A query cannot name a file, nor COPY or ATTACH at all:
    // the parse check in sandbox.ts refuses it; this is the second wall.)
    const copies = store('table-copies').dir;
    const folders = [dir, issuesDir(), copies].map((f) => quoteString(f.endsWith('/') ? f : `${f}/`));
    await conn.run(`SET allowed_directories = [${folders.join(', ')}]`);
    await conn.run(`SET memory_limit = ${quoteString(duckDbMemoryLimit())}`);
    await conn.run(`SET temp_directory = ${quoteString(path.join(copies, 'spill'))}`);
    await conn.run('SET autoinstall_known_extensions = false');
    await conn.run('SET autoload_known_extensions = false');
    await conn.run('SET enable_external_access = false');
    await conn.run('SET lock_configuration = true');
  } finally {
    conn.closeSync();
  }
  return { dir, instance, views: new Map() };
}

/** Runs `fn` on a connection of its own (figures of several pages may query at once). */
export async function withConnection<T>(engine: SqlEngine, fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  const conn = await engine.instance.connect();
  try {
    return await fn(conn);
  } finally {
    conn.closeSync();
  }
}

/** Closes every engine of this process; the next query opens a new one. */
export async function closeSql(): Promise<void> {
  const engines = [...state.engines.values()];
  state.engines.clear();
  for (const engine of engines) {
    try {
      (await engine).instance.closeSync();
    } catch {
      // An engine that failed to open has nothing to close.
    }
  }
}

/** A SQL string literal. */
export function quoteString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A SQL identifier, quoted. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
