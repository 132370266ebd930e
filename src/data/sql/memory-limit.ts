import os from 'node:os';

const BYTES = /^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

/**
 * The memory DuckDB may hold in each of Tally's engines (`memory_limit`; beyond it, sorts and
 * windows spill to `.tally-cache/table-copies/spill/`). DuckDB's own default is 80% of the
 * machine's memory per engine, and a build runs two engines at once (the build's and the lock
 * check's child): a quarter of the memory, at most 1 GiB, unless TALLY_DUCKDB_MEMORY says
 * otherwise ("2GB", "1.5GiB", or a number of megabytes).
 */
export function duckDbMemoryLimit(): string {
  const asked = process.env.TALLY_DUCKDB_MEMORY?.trim();
  if (asked && BYTES.test(asked)) return asked;
  if (asked && Number(asked) > 0) return `${Number(asked)}MB`;
  return `${Math.floor(Math.min(1024, os.totalmem() / 4 / 1024 / 1024))}MiB`;
}
