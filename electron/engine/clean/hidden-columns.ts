/**
 * The engine's hidden columns and the row-order rule of a recipe (docs/architecture.md,
 * "Inside the clean capability"). `__assay_row` is the source row a result row came from
 * (kept while every step keeps rows, for the preview's diff); `__assay_order` is the
 * row's position. Source order is kept unless a step changes it: a sort step renumbers
 * the position by its keys (ties keep their order), and a step that makes new rows
 * (group_by, join, sql) is numbered by all of its columns, left to right, NULLs last —
 * the pandas code does the same, so both give the same rows in the same order.
 */
import type { ColumnInfo } from '../../../shared/datasets';
import { quoteIdentifier } from '../db/sql-text';

export const ROW = '__assay_row';
export const ORDER = '__assay_order';
export const HIDDEN: readonly string[] = [ROW, ORDER];
export const ORDER_BY = quoteIdentifier(ORDER);

export function hiddenOf(keyed: boolean): string[] {
  return keyed ? [ROW, ORDER] : [ORDER];
}

/** What an operation selects first to carry the hidden columns (StepContext.rowKey). */
export function rowKeyOf(keyed: boolean): string {
  return hiddenOf(keyed)
    .map((c) => `${quoteIdentifier(c)}, `)
    .join('');
}

export function visible(columns: ColumnInfo[]): ColumnInfo[] {
  return columns.filter((c) => !HIDDEN.includes(c.name));
}

/**
 * The first relation: the version's rows with their row number as position and, when
 * `keyed`, as identity too (the version tables are written in rowid order, so `rowid <
 * N` is the first N rows).
 */
export function sourceSelect(table: string, sampleRows: number | null, keyed = true): string {
  const where = sampleRows === null ? '' : ` WHERE rowid < ${sampleRows}`;
  const row = keyed ? `rowid AS ${quoteIdentifier(ROW)}, ` : '';
  return `SELECT ${row}rowid AS ${ORDER_BY}, * FROM ${table}${where}`;
}

/**
 * After a sort the row order is the sort's keys (`sortKeys` of the sort step, which rank
 * NaN with NULL as pandas does), ties in their earlier order.
 */
export function renumberSorted(sql: string, keys: string[]): string {
  return `SELECT * REPLACE (row_number() OVER (ORDER BY ${[...keys, ORDER_BY].join(', ')}) AS ${ORDER_BY}) FROM (${sql})`;
}

/** New rows numbered by all their columns, left to right, NULLs last; hidden columns dropped. */
export function numberNewRows(sql: string, columns: ColumnInfo[]): string {
  const names = columns.map((c) => quoteIdentifier(c.name));
  const order = names.length ? names.map((n) => `${n} ASC NULLS LAST`).join(', ') : '1';
  const list = names.length ? names.join(', ') : '*';
  return `SELECT row_number() OVER (ORDER BY ${order}) AS ${ORDER_BY}, ${list} FROM (${sql})`;
}

/** The pandas lines that give the same order after a step that made new rows. */
export function pandasNewRowsOrder(): string[] {
  return ["df = df.sort_values(list(df.columns), na_position='last', kind='stable').reset_index(drop=True)"];
}
