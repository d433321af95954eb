/**
 * The only places user-supplied names and values become SQL text. Dataset names, column
 * names and file paths come from people and files we do not control, so every identifier
 * goes through `quoteIdentifier` and every literal that cannot be a bound parameter (table
 * function arguments such as read_csv's options) goes through `sqlLiteral`.
 */
import { ApiError } from '../../../shared/errors';

/** A double-quoted identifier; embedded quotes are doubled and NUL (which DuckDB rejects) is refused. */
export function quoteIdentifier(name: string): string {
  if (name.includes('\0')) throw new Error('An identifier cannot contain a NUL character.');
  return `"${name.replaceAll('"', '""')}"`;
}

/** `schema.table`, each part quoted. */
export function qualifiedName(schema: string, table: string): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}

export type LiteralValue = string | number | boolean | bigint | null | readonly LiteralValue[];

/**
 * A SQL literal: strings single-quoted with quotes doubled (DuckDB has no backslash
 * escapes in standard strings), numbers only when finite, lists as `[a, b]` and
 * `{'k': v}` structs for option maps.
 */
export function sqlLiteral(value: LiteralValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${value} cannot be written as a SQL number.`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => sqlLiteral(v)).join(', ')}]`;
  const text = value as string;
  if (text.includes('\0')) throw new Error('A SQL string cannot contain a NUL character.');
  return `'${text.replaceAll("'", "''")}'`;
}

/** A struct literal `{'key': value, …}` (read_csv's `types`, for example). */
export function structLiteral(entries: Record<string, LiteralValue>): string {
  return `{${Object.entries(entries)
    .map(([k, v]) => `${sqlLiteral(k)}: ${sqlLiteral(v)}`)
    .join(', ')}}`;
}

/**
 * A DuckDB type name a person typed ("double", "DECIMAL(10, 2)", "VARCHAR[]"). Types are
 * not parameters, so they are checked against a conservative shape instead of quoted.
 */
export function checkedTypeName(type: string): string {
  const trimmed = type.trim();
  if (!/^[A-Za-z][A-Za-z0-9_ ]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?(\[\])*$/.test(trimmed)) {
    throw new ApiError(
      'INVALID_INPUT',
      `"${type}" is not a DuckDB type name; use one like BIGINT, DOUBLE, VARCHAR, DATE.`,
    );
  }
  return trimmed.toUpperCase();
}
