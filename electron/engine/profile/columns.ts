/**
 * The columns of the relation being profiled and what their storage type lets us compute.
 * Every later query builds its SQL from these descriptors, so the "what counts as
 * missing/finite" rules for floats, integers, strings and times live in one place.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { typeFamily } from '../db/duckdb-types';
import { ident, queryRows } from './sql';

/** The physical families the profiler treats differently. */
export type StorageKind =
  'float' | 'integer' | 'decimal' | 'boolean' | 'string' | 'date' | 'timestamp' | 'other';

export interface ProfiledColumn {
  name: string;
  index: number;
  /** DuckDB type text from DESCRIBE. */
  type: string;
  kind: StorageKind;
  /** The quoted identifier. */
  sql: string;
  /**
   * SQL that is true when the cell is missing: NULL, and NaN for floats (pandas, and so
   * ydata-profiling, count NaN as missing).
   */
  missingSql: string;
  /** For number kinds: the value as DOUBLE when finite, else NULL (±∞ and NaN drop out of moments). */
  finiteSql: string | null;
}

/** Map a DuckDB type name to its storage family. */
export function storageKind(type: string): StorageKind {
  const t = type.toUpperCase();
  if (t === 'DOUBLE' || t === 'FLOAT' || t === 'REAL') return 'float';
  if (typeFamily(t) === 'integer') return 'integer';
  if (t.startsWith('DECIMAL') || t.startsWith('NUMERIC')) return 'decimal';
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'VARCHAR' || t.startsWith('ENUM')) return 'string';
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'timestamp';
  return 'other';
}

/** Is this a number family (moments, quantiles, histograms apply)? */
export function isNumberKind(kind: StorageKind): boolean {
  return kind === 'float' || kind === 'integer' || kind === 'decimal';
}

export function describeColumn(name: string, index: number, type: string): ProfiledColumn {
  const kind = storageKind(type);
  const q = ident(name);
  const missingSql = kind === 'float' ? `(${q} IS NULL OR isnan(${q}))` : `(${q} IS NULL)`;
  let finiteSql: string | null = null;
  if (kind === 'float') finiteSql = `(CASE WHEN isfinite(${q}) THEN ${q}::DOUBLE END)`;
  else if (kind === 'integer' || kind === 'decimal') finiteSql = `(${q}::DOUBLE)`;
  return { name, index, type, kind, sql: q, missingSql, finiteSql };
}

/** DESCRIBE the relation. */
export async function listColumns(
  conn: DuckDBConnection,
  table: string,
  signal?: AbortSignal,
): Promise<ProfiledColumn[]> {
  const rows = await queryRows(conn, `DESCRIBE SELECT * FROM ${table}`, signal);
  return rows.map((row, index) => describeColumn(String(row[0]), index, String(row[1])));
}

/** SQL that renders a column for display (sample and duplicate rows): odd types as text. */
export function displaySql(column: ProfiledColumn): string {
  if (column.kind === 'other') return `${column.sql}::VARCHAR AS ${column.sql}`;
  return column.sql;
}

/** Split a list into chunks of at most `size` (wide tables are profiled in column batches). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
