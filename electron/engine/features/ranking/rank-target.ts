/**
 * What kind of target a ranking has: classification for text and booleans, for a number
 * with two distinct values and for an integer with at most 10 (the training capability's
 * rule); regression for other numbers, dates and timestamps. Classes are sorted, so the
 * class indices never depend on row order (docs/architecture.md).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { RankTask } from '../../../../shared/features/ranking';
import { ApiError } from '../../../../shared/errors';
import { queryRows } from '../../profile/sql';
import type { RankColumn } from './rank-columns';

const MAX_INTEGER_CLASSES = 10;
/** More classes than this make the χ² tables and the boosting fit too wide to be quick. */
export const MAX_CLASSES = 50;

export interface RankTarget {
  column: RankColumn;
  task: RankTask;
  /** Class labels as text, sorted by the column's own order (classification only). */
  classes: string[];
  /** Rows whose target is present (and finite). */
  rows: number;
}

export async function inspectTarget(
  conn: DuckDBConnection,
  table: string,
  target: RankColumn,
  signal?: AbortSignal,
): Promise<RankTarget> {
  const [row] = await queryRows(
    conn,
    target.kind === 'numeric'
      ? `SELECT count(DISTINCT t), count(t), bool_and(t = round(t)) FROM (SELECT ${target.sql} AS t FROM ${table})`
      : `SELECT count(DISTINCT ${target.raw}), count(${target.raw}), false FROM ${table}`,
    signal,
  );
  const distinct = Number(row?.[0] ?? 0);
  const rows = Number(row?.[1] ?? 0);
  const integral = row?.[2] === true;
  if (distinct < 2) {
    throw new ApiError(
      'INVALID_INPUT',
      `The target "${target.name}" has ${distinct === 0 ? 'no values' : 'only one value'}, so no feature can tell anything about it; choose a target with at least two distinct values.`,
    );
  }
  const classification =
    target.kind === 'categorical' || distinct === 2 || (integral && distinct <= MAX_INTEGER_CLASSES);
  if (!classification) return { column: target, task: 'regression', classes: [], rows };
  if (distinct > MAX_CLASSES) {
    throw new ApiError(
      'INVALID_INPUT',
      `The target "${target.name}" has ${distinct} distinct values; ranking needs a numeric target or one with at most ${MAX_CLASSES} classes, so choose another column or group its values first.`,
    );
  }
  const keys = await queryRows(
    conn,
    `SELECT ${classKeySql(target)} FROM ${table} WHERE ${target.sql} IS NOT NULL GROUP BY ${target.raw} ORDER BY ${target.raw}`,
    signal,
  );
  return { column: target, task: 'classification', classes: keys.map((k) => String(k[0])), rows };
}

/** The target's class key: the column's own value as text (the same text the sample reads). */
export function classKeySql(target: RankColumn): string {
  return `CAST(${target.raw} AS VARCHAR)`;
}
