/**
 * Text columns with nearly a value per row (names, ids, free text) let a model memorise
 * rows instead of learning. The engine leaves them out of the default features and says
 * why, both when a job loads its data and when the form inspects a target, by one rule.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { formatCount } from '../../../shared/format';
import { quoteIdentifier } from '../db/sql-text';
import { kindOfType, type SourceColumn } from './load-train-data';

/** Text where more than half the rows (and over 20) have their own value. */
export function isIdLike(distinct: number, rows: number): boolean {
  return distinct > Math.max(20, rows / 2);
}

/** Why the column is unticked, for the form and the run's warnings. */
export function idLikeReason(distinct: number, rows: number): string {
  return `${formatCount(distinct)} different values in ${formatCount(rows)} rows, like an ID or free text: a model would memorise rows instead of learning`;
}

/**
 * The ID-like text columns of `table` among `columns`, counted over the rows that have a
 * target (the rows training would use).
 */
export async function idLikeColumns(
  connection: DuckDBConnection,
  table: string,
  columns: SourceColumn[],
  target: string,
  rows: number,
): Promise<Array<{ column: string; reason: string }>> {
  const text = columns.filter((c) => c.name !== target && kindOfType(c.type) === 'categorical');
  if (text.length === 0 || rows === 0) return [];
  const counts = text.map((c) => `count(DISTINCT t.${quoteIdentifier(c.name)})`).join(', ');
  const reader = await connection.runAndReadAll(
    `SELECT ${counts} FROM ${table} t WHERE t.${quoteIdentifier(target)} IS NOT NULL`,
  );
  const row = reader.getRowsJS()[0] ?? [];
  return text.flatMap((c, i) => {
    const distinct = Number(row[i] ?? 0);
    return isIdLike(distinct, rows) ? [{ column: c.name, reason: idLikeReason(distinct, rows) }] : [];
  });
}
