/**
 * Shared pieces of the group-B operations: numbers written so DuckDB and Python read the
 * same double, type checks with sentences naming the field, and fitting statistics with
 * NaN treated as missing (pandas cannot tell them apart, so fits skip both).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnInfo } from '../../../../shared/datasets';
import type { StepIssue } from '../op-definition';
import { findColumn, missingColumns, q, typeFamily } from './columns-support';

/**
 * A DOUBLE literal. Plain `0.1` is a DECIMAL to DuckDB and may convert to a neighbouring
 * double; the shortest round-trip exponent form is read as DOUBLE, to the same bits Python
 * reads from the same text.
 */
export function sqlDouble(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`${value} cannot be written as a SQL number.`);
  const text = value.toExponential().replace('e+', 'e');
  // Parenthesized so `x - -1e0` can never read as the start of a `--` comment.
  return value < 0 ? `(${text})` : text;
}

/** A Python float literal with the same bits as `sqlDouble`. */
export function pyFloat(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`${value} cannot be written as a Python number.`);
  return value.toExponential().replace('e+', 'e');
}

/** Sentences when `name` is not a column, or not one of the wanted type families. */
export function columnOfType(
  columns: ColumnInfo[],
  name: string,
  field: string,
  wanted: 'numeric' | 'temporal' | 'text',
): StepIssue[] {
  const missing = missingColumns(columns, [name], field);
  if (missing.length > 0) return missing;
  const column = findColumn(columns, name) as ColumnInfo;
  const family = typeFamily(column.type);
  const ok =
    wanted === 'numeric'
      ? family === 'integer' || family === 'float' || family === 'decimal'
      : family === wanted;
  if (ok) return [];
  const hint = {
    numeric: 'a number column (cast it to DOUBLE first)',
    temporal: 'a date or timestamp column (parse it with "Parse date" first)',
    text: 'a text column (cast it to VARCHAR first)',
  }[wanted];
  return [{ field, message: `"${name}" is ${column.type}; this step needs ${hint}.` }];
}

/** The column as a DOUBLE with NaN read as NULL, for fitting statistics. */
export function fitValue(column: ColumnInfo): string {
  const value = `CAST(${q(column.name)} AS DOUBLE)`;
  return `CASE WHEN isnan(${value}) THEN NULL ELSE ${value} END`;
}

/** Runs one SELECT of aggregates and returns its only row, numbers as JS numbers. */
export async function fitRow(
  connection: DuckDBConnection,
  select: string,
  input: string,
): Promise<Record<string, unknown>> {
  const reader = await connection.runAndReadAll(`SELECT ${select} FROM ${input}`);
  return (reader.getRowObjectsJS()[0] ?? {}) as Record<string, unknown>;
}

/** A fitted value as a finite number, or null for no value (an empty or all-missing column). */
export function statNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'bigint' ? Number(value) : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A list-valued fitted statistic as numbers (or null when nothing was fitted). */
export function statNumbers(value: unknown): number[] | null {
  if (!Array.isArray(value)) return null;
  const numbers = value.map((v) => statNumber(v));
  return numbers.every((n): n is number => n !== null) ? numbers : null;
}
