/**
 * The grid's filters and sort keys as SQL. Column names are checked against the
 * version's columns and quoted; every value a person typed is a bound parameter, never
 * SQL text. Sort order always ends with `rowid` so that pages of equal keys are stable
 * (a row never appears on two pages).
 */
import type { ColumnInfo, Filter, SortKey } from '../../../shared/datasets';
import { ApiError } from '../../../shared/errors';
import { quoteIdentifier } from '../db/sql-text';

export type Param = string | number | boolean;

export interface WhereClause {
  sql: string;
  params: Param[];
}

function columnOf(columns: ColumnInfo[], name: string): ColumnInfo {
  const found = columns.find((c) => c.name === name);
  if (!found) {
    throw new ApiError(
      'BAD_REQUEST',
      `There is no column "${name}" in this version; its columns are ${columns
        .slice(0, 20)
        .map((c) => c.name)
        .join(', ')}${columns.length > 20 ? ', …' : ''}.`,
    );
  }
  return found;
}

const CASTABLE = /^[A-Z][A-Z0-9_ ]*(\(\d+(, ?\d+)?\))?$/;

/** A typed-in bound (a date as text, say) compared in the column's own type. */
function bound(column: ColumnInfo, placeholder: string, value: Param): string {
  if (typeof value === 'string' && column.type !== 'VARCHAR' && CASTABLE.test(column.type)) {
    return `TRY_CAST(${placeholder} AS ${column.type})`;
  }
  return placeholder;
}

export function whereClause(columns: ColumnInfo[], filters: Filter[] = []): WhereClause {
  const params: Param[] = [];
  const next = (value: Param) => {
    params.push(value);
    return `$${params.length}`;
  };
  const parts = filters.map((filter) => {
    const column = columnOf(columns, filter.column);
    const id = quoteIdentifier(column.name);
    switch (filter.op) {
      case 'range': {
        const conditions: string[] = [];
        if (filter.min !== undefined)
          conditions.push(`${id} >= ${bound(column, next(filter.min), filter.min)}`);
        if (filter.max !== undefined)
          conditions.push(`${id} <= ${bound(column, next(filter.max), filter.max)}`);
        return conditions.length ? conditions.join(' AND ') : 'TRUE';
      }
      case 'contains':
        return `contains(lower(CAST(${id} AS VARCHAR)), lower(${next(filter.value)}))`;
      case 'in': {
        if (filter.values.length === 0) return 'FALSE';
        const textual = filter.values.every((v) => typeof v === 'string') && column.type !== 'VARCHAR';
        const target = textual ? `CAST(${id} AS VARCHAR)` : id;
        return `${target} IN (${filter.values.map((v) => next(v)).join(', ')})`;
      }
      case 'null':
        return `${id} IS NULL`;
      case 'notNull':
        return `${id} IS NOT NULL`;
    }
    return 'TRUE';
  });
  return { sql: parts.length ? `WHERE ${parts.map((p) => `(${p})`).join(' AND ')}` : '', params };
}

export function orderBy(columns: ColumnInfo[], sort: SortKey[] = []): string {
  const keys = sort.map((key) => {
    const column = columnOf(columns, key.column);
    return `${quoteIdentifier(column.name)} ${key.descending ? 'DESC' : 'ASC'} NULLS LAST`;
  });
  return `ORDER BY ${[...keys, 'rowid'].join(', ')}`;
}
