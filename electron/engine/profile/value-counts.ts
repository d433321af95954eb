/**
 * Value frequencies per column: the top 10 values, the 5 smallest and largest distinct
 * values with their counts, how many values occur once, and the entropy and Σn² that the
 * imbalance score and the uniformity test need — all from one GROUP BY per column,
 * materialised once and read four ways. Columns whose values are all different skip the
 * GROUP BY (every count is 1): their extremes come from one batched min(x, 5)/max(x, 5).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ProfileValue, ValueCount } from '../../../shared/profile';
import { type ProfiledColumn, chunk, isNumberKind } from './columns';
import { queryRows } from './sql';
import { toCount, toNumber, toProfileValue } from './values';

export interface ValueSummary {
  topValues: ValueCount[];
  smallest?: ValueCount[];
  largest?: ValueCount[];
  /** Values occurring exactly once. */
  unique: number;
  /** Σ n·ln n over the value counts. */
  sumNLogN: number;
  /** Σ n² over the value counts. */
  sumSquares: number;
  /** Distinct values seen (equals the exact distinct count). */
  distinct: number;
  /** The distinct values when there are at most 2 (for the boolean-string rule). */
  fewValues?: ProfileValue[];
}

const TOP_K = 10;
const EXTREMES = 5;

function valueCount(value: unknown, count: unknown, total: number): ValueCount {
  const n = toCount(count);
  return { value: toProfileValue(value), count: n, fraction: total > 0 ? n / total : 0 };
}

/** Value counts for one column that has repeated values. */
export async function columnValueCounts(
  conn: DuckDBConnection,
  table: string,
  column: ProfiledColumn,
  nonMissing: number,
  signal?: AbortSignal,
): Promise<ValueSummary> {
  const q = column.sql;
  const numeric = isNumberKind(column.kind);
  // Each branch numbers its rows (`o`) because UNION ALL does not keep branch order.
  const branch = (part: number, order: string, limit: number): string =>
    `SELECT ${part}, v, n, NULL, NULL, row_number() OVER (ORDER BY ${order}) FROM ` +
    `(SELECT v, n FROM vc ORDER BY ${order} LIMIT ${limit})`;
  const parts = [
    `SELECT 0 AS part, v, n, NULL::DOUBLE AS x, NULL::DOUBLE AS y, row_number() OVER (ORDER BY n DESC, v) AS o ` +
      `FROM (SELECT v, n FROM vc ORDER BY n DESC, v LIMIT ${TOP_K})`,
    `SELECT 3, NULL, sum((n = 1)::INTEGER), sum(n * ln(n)), sum(n::DOUBLE * n), 0 FROM vc`,
    `SELECT 4, NULL, count(*), NULL, NULL, 0 FROM vc`,
  ];
  if (numeric) {
    parts.push(branch(1, 'v ASC', EXTREMES));
    parts.push(branch(2, 'v DESC', EXTREMES));
  }
  const sql =
    `WITH vc AS MATERIALIZED (SELECT ${q} AS v, count(*) AS n FROM ${table} ` +
    `WHERE NOT ${column.missingSql} GROUP BY ${q})\n` +
    `SELECT * FROM (${parts.join('\nUNION ALL ')}) ORDER BY 1, 6`;
  const rows = await queryRows(conn, sql, signal);
  const summary: ValueSummary = {
    topValues: [],
    unique: 0,
    sumNLogN: 0,
    sumSquares: 0,
    distinct: 0,
  };
  if (numeric) {
    summary.smallest = [];
    summary.largest = [];
  }
  for (const [part, v, n, x, y] of rows) {
    switch (Number(part)) {
      case 0:
        summary.topValues.push(valueCount(v, n, nonMissing));
        break;
      case 1:
        summary.smallest?.push(valueCount(v, n, nonMissing));
        break;
      case 2:
        summary.largest?.push(valueCount(v, n, nonMissing));
        break;
      case 3:
        summary.unique = toCount(n);
        summary.sumNLogN = toNumber(x) ?? 0;
        summary.sumSquares = toNumber(y) ?? 0;
        break;
      case 4:
        summary.distinct = toCount(n);
        break;
    }
  }
  if (summary.distinct <= 2) summary.fewValues = summary.topValues.map((t) => t.value);
  return summary;
}

/**
 * Extremes of numeric columns whose values are all different (count 1 each), for many
 * columns in one scan.
 */
export async function uniqueColumnExtremes(
  conn: DuckDBConnection,
  table: string,
  columns: ProfiledColumn[],
  signal?: AbortSignal,
): Promise<Map<number, { smallest: ValueCount[]; largest: ValueCount[] }>> {
  const out = new Map<number, { smallest: ValueCount[]; largest: ValueCount[] }>();
  for (const batch of chunk(columns, 100)) {
    const select = batch
      .map(
        (c) =>
          `min(CASE WHEN NOT ${c.missingSql} THEN ${c.sql} END, ${EXTREMES}), ` +
          `max(CASE WHEN NOT ${c.missingSql} THEN ${c.sql} END, ${EXTREMES}), ` +
          `count(CASE WHEN NOT ${c.missingSql} THEN 1 END)`,
      )
      .join(',\n  ');
    const [row] = await queryRows(conn, `SELECT ${select}\nFROM ${table}`, signal);
    batch.forEach((c, i) => {
      const total = toCount(row[3 * i + 2]);
      const list = (value: unknown): ValueCount[] =>
        Array.isArray(value) ? value.map((v) => valueCount(v, 1, total)) : [];
      out.set(c.index, { smallest: list(row[3 * i]), largest: list(row[3 * i + 1]) });
    });
  }
  return out;
}
