/**
 * Duplicate rows. Rows are grouped by a 64-bit hash of the whole row rather than by every
 * column: one cheap key instead of a 31-column (or 1,000-column) group key. Two different
 * rows share a hash with probability about n²/2⁶⁵ (3·10⁻⁸ at a million rows), so the counts
 * are exact in practice; the rows shown are re-read from the table, never reconstructed.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DuplicateRow } from '../../../shared/profile';
import { type ProfiledColumn, displaySql } from './columns';
import { queryRows } from './sql';
import { toCount, toProfileValue } from './values';

const SHOWN = 10;
const HASH = '"assay: row hash"';

export interface DuplicateSummary {
  duplicateRows: number;
  duplicateGroups: number;
  mostDuplicated: DuplicateRow[];
}

function rowHash(columns: ProfiledColumn[]): string {
  return `hash(${columns.map((c) => c.sql).join(', ')})`;
}

export async function computeDuplicates(
  conn: DuckDBConnection,
  table: string,
  columns: ProfiledColumn[],
  signal?: AbortSignal,
): Promise<DuplicateSummary> {
  if (columns.length === 0) return { duplicateRows: 0, duplicateGroups: 0, mostDuplicated: [] };
  // Positional GROUP BY and an unlikely alias: the user's columns may be called h or n.
  const groups = `SELECT ${rowHash(columns)} AS h, count(*) AS n FROM ${table} GROUP BY 1 HAVING count(*) > 1`;
  const [summary] = await queryRows(
    conn,
    `SELECT count(*), sum(n - 1), list(h ORDER BY n DESC, h)[1:${SHOWN}] FROM (${groups})`,
    signal,
  );
  const duplicateGroups = toCount(summary[0]);
  const duplicateRows = toCount(summary[1]);
  if (duplicateGroups === 0) return { duplicateRows, duplicateGroups, mostDuplicated: [] };

  const hashes = (summary[2] as unknown[]).map((h) => `${String(h)}::UBIGINT`);
  const shown = columns.map((c) => displaySql(c)).join(', ');
  const rows = await queryRows(
    conn,
    `SELECT count(*) OVER (PARTITION BY ${HASH}), * EXCLUDE (${HASH}) FROM (` +
      `SELECT ${rowHash(columns)} AS ${HASH}, ${shown} FROM ${table} WHERE ${rowHash(columns)} IN (${hashes.join(', ')})) ` +
      `QUALIFY row_number() OVER (PARTITION BY ${HASH}) = 1 ORDER BY 1 DESC`,
    signal,
  );
  const mostDuplicated = rows.map((row) => {
    const record: Record<string, ReturnType<typeof toProfileValue>> = {};
    columns.forEach((c, i) => {
      record[c.name] = toProfileValue(row[i + 1]);
    });
    return { row: record, count: toCount(row[0]) };
  });
  return { duplicateRows, duplicateGroups, mostDuplicated };
}
