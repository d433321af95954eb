/**
 * Counts per calendar period for date/time columns, at the finest of minute, hour, day,
 * month, year that keeps the chart to about 100 bars. TIMESTAMPTZ values are bucketed in
 * UTC so the same data gives the same profile whatever the machine's time zone.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DatetimeStats } from '../../../shared/profile';
import type { ProfiledColumn } from './columns';
import { literal, queryRows } from './sql';
import { isoFromEpochMs, toCount, toNumber } from './values';

type Period = DatetimeStats['period'];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MAX_BARS = 100;

export function choosePeriod(rangeMs: number): Period {
  if (rangeMs <= MAX_BARS * MINUTE) return 'minute';
  if (rangeMs <= MAX_BARS * HOUR) return 'hour';
  if (rangeMs <= MAX_BARS * DAY) return 'day';
  if (rangeMs <= MAX_BARS * 30.44 * DAY) return 'month';
  return 'year';
}

function utcSql(column: ProfiledColumn): string {
  return /WITH TIME ZONE|TIMESTAMPTZ/i.test(column.type) ? `(${column.sql} AT TIME ZONE 'UTC')` : column.sql;
}

export async function computeDatetimeStats(
  conn: DuckDBConnection,
  table: string,
  columns: { column: ProfiledColumn; minMs: number | null; maxMs: number | null }[],
  signal?: AbortSignal,
): Promise<Map<number, DatetimeStats>> {
  const out = new Map<number, DatetimeStats>();
  const parts: string[] = [];
  for (const { column, minMs, maxMs } of columns) {
    const rangeMs = minMs !== null && maxMs !== null ? maxMs - minMs : null;
    const period = choosePeriod(rangeMs ?? 0);
    out.set(column.index, {
      min: isoFromEpochMs(minMs),
      max: isoFromEpochMs(maxMs),
      rangeMs,
      period,
      counts: [],
    });
    if (minMs === null) continue;
    const v = utcSql(column);
    parts.push(
      `SELECT ${column.index} AS c, epoch_ms(date_trunc(${literal(period)}, ${v})::TIMESTAMP) AS p, count(*) AS n ` +
        `FROM ${table} WHERE ${column.sql} IS NOT NULL GROUP BY 2`,
    );
  }
  if (parts.length === 0) return out;
  const rows = await queryRows(conn, `SELECT * FROM (${parts.join('\nUNION ALL ')}) ORDER BY 1, 2`, signal);
  for (const [c, p, n] of rows) {
    const stats = out.get(Number(c));
    const start = isoFromEpochMs(toNumber(p));
    if (stats && start) stats.counts.push({ start, count: toCount(n) });
  }
  return out;
}
