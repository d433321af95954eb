/**
 * Operations that choose or order rows without changing values: filter by a DuckDB
 * boolean expression and sort. Both keep the row key. The sort is stable (ties keep their
 * current order) and puts missing values last, as pandas' sort_values does; the recipe
 * engine renumbers the row order after it (hidden-columns.ts).
 */
import type { StepOf } from '../../../../shared/clean/recipe';
import type { ColumnInfo } from '../../../../shared/datasets';
import type { OpDefinition } from '../op-definition';
import { findColumn, missingAware, missingColumns, py, q } from './columns-support';
import { filterSql, pandasFilter } from './filter-pandas';

export const filterRows: OpDefinition<'filter'> = {
  op: 'filter',
  label: 'Filter rows',
  keepsRows: true,
  // Whether the expression binds is DuckDB's to say; the recipe engine prepares it.
  check: (step) =>
    step.expression.includes(';')
      ? [{ field: 'expression', message: 'Write one expression, without ";".' }]
      : [],
  sql: (step, ctx) =>
    `SELECT ${ctx.rowKey}${ctx.columns.map((c) => q(c.name)).join(', ')} FROM ${ctx.input} WHERE (${filterSql(step.expression, ctx.columns)})`,
  pandas(step, ctx) {
    const lines = pandasFilter(step.expression, ctx.columns);
    if (lines) return lines;
    const why =
      `filter step "${step.expression}": only comparisons, AND/OR/NOT, IS NULL, IN, LIKE with % at the ends ` +
      'and arithmetic translate to pandas; write this filter by hand.';
    return [`raise NotImplementedError(${py(why)})`];
  },
};

/**
 * The sort's ORDER BY keys, missing values last with a float NaN counted as missing (as
 * pandas does). The recipe engine's renumbering of the row order should use these too.
 */
export function sortKeys(step: StepOf<'sort'>, columns: ColumnInfo[]): string[] {
  return step.by.map((key) => {
    const column = findColumn(columns, key.column) ?? { name: key.column, type: '' };
    return `${missingAware(column)} ${key.descending ? 'DESC' : 'ASC'} NULLS LAST`;
  });
}

export const sortRows: OpDefinition<'sort'> = {
  op: 'sort',
  label: 'Sort rows',
  keepsRows: true,
  check: (step, columns) =>
    missingColumns(
      columns,
      step.by.map((k) => k.column),
      'by',
    ),
  sql(step, ctx) {
    const keys = sortKeys(step, ctx.columns);
    const items = ctx.rowKey + ctx.columns.map((c) => q(c.name)).join(', ');
    return `SELECT ${items} FROM ${ctx.input} ORDER BY ${[...keys, ctx.order].join(', ')}`;
  },
  pandas: (step) => [
    `df = df.sort_values(by=[${step.by.map((k) => py(k.column)).join(', ')}], ` +
      `ascending=[${step.by.map((k) => py(!k.descending)).join(', ')}], kind="stable", na_position="last")`,
  ],
};

export const rowsOps = [filterRows, sortRows];
