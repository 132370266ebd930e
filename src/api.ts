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
