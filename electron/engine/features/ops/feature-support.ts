/**
 * Shared pieces of the feature operations (docs/architecture.md, "Inside the clean
 * capability"): every feature step appends its new columns after all others — in SQL as
 * the last items of the SELECT list, in pandas as `df[name] = …` — and checks its new
 * names and its inputs with sentences that name the field.
 */
import type { ColumnInfo } from '../../../../shared/datasets';
import type { StepContext, StepIssue } from '../../clean/op-definition';
import { missingColumns, nameClash, q, repeatedNames, typeFamily } from '../../clean/ops/columns-support';
import { columnOfType } from '../../clean/ops/stat-support';

export interface NewColumn {
  expression: string;
  name: string;
}

/** One SELECT over the input: the hidden columns, every column, then the new ones. */
export function appendSql(
  ctx: Pick<StepContext, 'columns' | 'rowKey' | 'input'>,
  added: NewColumn[],
): string {
  const items = [
    ...ctx.columns.map((c) => q(c.name)),
    ...added.map((a) => `${a.expression} AS ${q(a.name)}`),
  ];
  return `SELECT ${ctx.rowKey}${items.join(', ')} FROM ${ctx.input}`;
}

/** Sentences when the new names are taken (ignoring case, as DuckDB does) or repeated. */
export function newNamesIssues(columns: ColumnInfo[], names: string[]): StepIssue[] {
  const taken = columns.map((c) => c.name);
  return [...names.flatMap((n) => nameClash(taken, n, 'name')), ...repeatedNames(names, 'name')];
}

/** Sentences when `name` is not a number column. */
export function numericIssues(columns: ColumnInfo[], name: string, field: string): StepIssue[] {
  return columnOfType(columns, name, field, 'numeric');
}

export function isNumeric(column: ColumnInfo | undefined): boolean {
  const family = column ? typeFamily(column.type) : undefined;
  return family === 'integer' || family === 'float' || family === 'decimal';
}

/** Sentences for missing columns among optional fields (order_by, by). */
export function optionalColumns(
  columns: ColumnInfo[],
  names: string[] | undefined,
  field: string,
): StepIssue[] {
  return missingColumns(columns, names ?? [], field);
}

/** The column as a DOUBLE with NaN read as NULL: pandas skips both alike in aggregates. */
export function doubleValue(name: string): string {
  const v = `CAST(${q(name)} AS DOUBLE)`;
  return `CASE WHEN isnan(${v}) THEN NULL ELSE ${v} END`;
}
