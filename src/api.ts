/**
 * The API of a figures module (`content/issues/<slug>/figures.ts`), imported as `#tally`.
 */
export { defineFigures } from './figures/define-figures.ts';
export type { FigureDef, FiguresContext, FiguresModule } from './figures/define-figures.ts';
export type { Dataset } from './figures/dataset.ts';
export type { FormatInput, FormatSpec } from './figures/format.ts';
export type { CalendarDate } from './data/calendar-date.ts';
export type { Row, Cell } from './data/column-types.ts';
export type { RowTest } from "./figures/helpers.ts";
export { count, last, lastDate, longestStreak, lookup, lookupText, max, min, pctChange, pointChange, rank, share, streak, valueAt } from './figures/helpers.ts';
export type { SqlRow, SqlValue } from './data/sql/rows.ts';
export type { TableRef } from './data/sql/views.ts';
export type { GroupKey, GroupValue } from './figures/groups.ts';
export { group, groupBy, pctChangeBy, perGroup, pointChangeBy } from './figures/groups.ts';
export type { RankedGroup } from './figures/ranking.ts';
export { breadth, groupRank, rankGroups } from './figures/ranking.ts';
export { between, trailing, windowMax, windowMin } from './figures/windows.ts';
export type { SeriesPoint } from './figures/series.ts';
export { rebase, rollingMean } from './figures/series.ts';
export type { Drawdown } from './figures/drawdown.ts';
export { drawdown, underwater } from './figures/drawdown.ts';
