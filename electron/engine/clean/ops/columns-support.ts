/**
 * Shared pieces of the group-A operations: looking columns up by name with sentences that
 * name the field, DuckDB type families, building select lists that keep the row
 * key, and writing names and values as Python literals for the pandas code.
 */
import type { ColumnInfo } from '../../../../shared/datasets';
import { quoteIdentifier } from '../../db/sql-text';
import type { StepContext, StepIssue } from '../op-definition';

/** The engine's row identity column; no step may create a column by that name. */
export const ROW_KEY = '__assay_row';

export const q = quoteIdentifier;

/** A Python literal. JSON string escapes are valid Python escapes, so strings reuse them. */
export function py(value: string | number | boolean | null): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number')
    return Number.isFinite(value) ? String(value) : `float(${py(String(value))})`;
  return JSON.stringify(value);
}

export function pyList(values: string[]): string {
  return `[${values.map((v) => py(v)).join(', ')}]`;
}

export function findColumn(columns: ColumnInfo[], name: string): ColumnInfo | undefined {
  return columns.find((c) => c.name === name);
}

/** One sentence per name that is not a column; a differently-cased match is offered. */
export function missingColumns(columns: ColumnInfo[], names: string[], field: string): StepIssue[] {
  return names
    .filter((name) => !findColumn(columns, name))
    .map((name) => {
      const near = columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
      const hint = near ? `; did you mean "${near.name}"?` : '.';
      return { field, message: `There is no column "${name}"${hint}` };
    });
}

/** Sentences for names listed more than once (DuckDB compares names without case). */
export function repeatedNames(names: string[], field: string): StepIssue[] {
  const seen = new Set<string>();
  const issues: StepIssue[] = [];
  for (const name of names) {
    const key = name.toLowerCase();
    if (seen.has(key)) issues.push({ field, message: `"${name}" is listed more than once.` });
    seen.add(key);
  }
  return issues;
}

/**
 * A sentence when `name` cannot be a new column: it is reserved, or it equals (ignoring
 * case, as DuckDB does) one of `taken`.
 */
export function nameClash(taken: string[], name: string, field: string): StepIssue[] {
  if (name.toLowerCase() === ROW_KEY) return [{ field, message: `"${name}" is reserved by Assay.` }];
  const other = taken.find((t) => t.toLowerCase() === name.toLowerCase());
  return other === undefined
    ? []
    : [{ field, message: `A column named "${other}" already exists; choose another name.` }];
}

// DuckDB type names are classified once for the engine (db/duckdb-types.ts).
export { isNumericType, typeFamily, type TypeFamily } from '../../db/duckdb-types';
import { typeFamily } from '../../db/duckdb-types';

/** Sentences for columns that exist but do not hold text. */
export function notText(columns: ColumnInfo[], names: string[], field: string): StepIssue[] {
  return names.flatMap((name) => {
    const column = findColumn(columns, name);
    if (!column || typeFamily(column.type) === 'text') return [];
    return [{ field, message: `"${name}" is ${column.type}, not text; cast it to VARCHAR first.` }];
  });
}

/**
 * The column as SQL with NaN read as missing: pandas cannot tell NaN from NULL, so steps
 * about missing values treat both alike to give the same rows in both languages.
 */
export function missingAware(column: ColumnInfo): string {
  const name = q(column.name);
  return typeFamily(column.type) === 'float' ? `CASE WHEN isnan(${name}) THEN NULL ELSE ${name} END` : name;
}

/** The row key and every column, with some columns' expressions replaced (same names). */
export function selectReplacing(
  ctx: Pick<StepContext, 'columns' | 'rowKey'>,
  replaced: Map<string, string>,
): string {
  const items = ctx.columns.map((c) => {
    const expression = replaced.get(c.name);
    return expression === undefined ? q(c.name) : `${expression} AS ${q(c.name)}`;
  });
  return ctx.rowKey + items.join(', ');
}

/** The row key and every column, with new columns right after `source` (as pandas inserts them). */
export function selectAdding(
  ctx: Pick<StepContext, 'columns' | 'rowKey'>,
  source: string,
  added: Array<{ expression: string; name: string }>,
): string {
  const items = ctx.columns.flatMap((c) => [
    q(c.name),
    ...(c.name === source ? added.map((a) => `${a.expression} AS ${q(a.name)}`) : []),
  ]);
  return ctx.rowKey + items.join(', ');
}

/** Pandas lines inserting new columns right after `source`, matching `selectAdding`. */
export function pandasAdding(source: string, added: Array<{ values: string; name: string }>): string[] {
  return [
    `_at = df.columns.get_loc(${py(source)}) + 1`,
    ...added.map((a, i) => `df.insert(_at + ${i}, ${py(a.name)}, ${a.values})`),
  ];
}

/**
 * The reverse of the engine's row order (`StepContext.order`, an ORDER BY list of
 * engine-made column names), for keeping the last of each group of duplicates.
 */
export function reversedOrder(order: string): string {
  return order
    .split(',')
    .map((item) => `${item.trim()} DESC`)
    .join(', ');
}
