/**
 * Every statistic of a near-unique number column from one sort (docs/architecture.md,
 * "Inside the profile capability"). A GROUP BY over a column with about one distinct value per row builds
 * a hash table as big as the column and, with the quantile selection and extremes on top,
 * cost 0.3–1.7 s a column on 1M rows; reading the column's values into JavaScript once
 * (one narrow scan, about 10 ms) and sorting them costs a fraction of that, and the sorted
 * values give, exactly, what the wide aggregate and the value counts would have
 * (summarise-numbers.ts). The read happens here, on the main thread; the sort and the
 * summary run on the profile's sort thread (sort-thread.ts), so they overlap DuckDB's
 * statements and the association matrices instead of queueing behind them. Integer
 * columns are read as doubles, which is exact below 2^53; a column with larger values is
 * handed back to the SQL path.
 */
import type { DuckDBConnection, DuckDBVector } from '@duckdb/node-api';
import type { ProfiledColumn } from './columns';
import { copyDoubles } from './sample';
import { runQuery } from './sql';

/** Above this magnitude distinct integers can share one double. */
const EXACT_INTEGER_LIMIT = 2 ** 53;

/**
 * Reads `column`'s non-NULL values (float or integer, NaN and ±∞ kept) as doubles into
 * `into` with one single-column scan; returns how many there are. Undefined for an integer
 * column holding a value a double cannot tell from its neighbours.
 */
export async function fetchNumbers(
  conn: DuckDBConnection,
  table: string,
  column: ProfiledColumn,
  into: Float64Array,
  signal?: AbortSignal,
): Promise<number | undefined> {
  // NULLs are filtered out so the result has no validity mask to test value by value.
  const result = await runQuery(
    conn,
    `SELECT ${column.sql}::DOUBLE FROM ${table} WHERE ${column.sql} IS NOT NULL`,
    signal,
  );
  if (result.rowCount > into.length) {
    throw new Error(`${column.name} has ${result.rowCount} values, more than the ${into.length} counted.`);
  }
  let n = 0;
  for (let i = 0; i < result.chunkCount; i++) {
    const chunk = result.getChunk(i);
    n = readDoubles(chunk.getColumnVector(0), chunk.rowCount, into, n);
  }
  if (column.kind === 'integer') {
    for (let i = 0; i < n; i++) if (Math.abs(into[i]) >= EXACT_INTEGER_LIMIT) return undefined;
  }
  return n;
}

/** Copies one vector of doubles into `out` at `at`; returns the next free position. */
function readDoubles(vector: DuckDBVector, rows: number, out: Float64Array, at: number): number {
  if (copyDoubles(vector, rows, out, at)) return at + rows;
  for (let k = 0; k < rows; k++) out[at + k] = (vector.getItem(k) as number | null) ?? Number.NaN;
  return at + rows;
}
