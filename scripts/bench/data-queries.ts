/**
 * The data-scale case's queries, written once: the figures.ts runs them through t.sql
 * over `${t.table(file)}`, and DuckDB alone (duckdb-alone.ts) runs the same text over a view of
 * the same file. `$table` stands for the table, `$yearEnd` for the previous year's last day.
 */
import { INDEX_SYMBOL } from './data-files.ts';

const YTD = `select symbol, now.c / base.c - 1 as ytd
  from (select symbol, arg_max(close, date) as c from $table where date <= cast($yearEnd as date) group by symbol) as base
  join (select symbol, arg_max(close, date) as c from $table group by symbol) as now using (symbol)`;

export interface BenchQuery {
  name: string;
  format: string;
  description: string;
  sql: string;
}

export const QUERIES: BenchQuery[] = [
  {
    name: 'bestYtd',
    format: '+percent:1',
    description: 'Best year-to-date change among the members',
    sql: `select max(ytd) as v from (${YTD}) where symbol <> '${INDEX_SYMBOL}'`,
  },
  {
    name: 'worstDrawdown',
    format: 'percent:1',
    description: 'Deepest fall of any member from its running peak',
    sql: `select min(close / peak - 1) as v from (select close, max(close) over (partition by symbol order by date rows between unbounded preceding and current row) as peak from $table where symbol <> '${INDEX_SYMBOL}')`,
  },
  {
    name: 'beating',
    format: 'integer',
    description: 'Members whose year-to-date change beats the index’s',
    sql: `with y as (${YTD}) select count(*) as v from y where symbol <> '${INDEX_SYMBOL}' and ytd > (select ytd from y where symbol = '${INDEX_SYMBOL}')`,
  },
];

/** The figures module of the issue: each query over each file, as an author would write it. */
export function figuresModule(files: Record<string, string>, yearEnd: string): string {
  const figures = Object.entries(files).flatMap(([suffix, file]) =>
    QUERIES.map((q) => {
      const [head, ...rest] = q.sql.split('$table');
      const parts = [head!, ...rest].map((p) => p.replaceAll('`', '\\`'));
      const text = parts.join(`\${t.table('${file}')}`).replaceAll('$yearEnd', '${yearEnd}');
      return `    ${q.name}${suffix}: {
      value: async () => (await t.sql\`${text}\`)[0]!.v as number,
      format: '${q.format}',
      description: '${q.description.replaceAll("'", "\\'")} (${file})',
    },`;
    }),
  );
  return `import { defineFigures } from '#tally';

const yearEnd = '${yearEnd}';

export default defineFigures((t) => ({
${figures.join('\n')}
}));
`;
}
