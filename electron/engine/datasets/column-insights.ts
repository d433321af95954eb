/**
 * Quick insights for the grid's column headers (Data Wrangler style): missing values,
 * distinct values, and a tiny histogram (numbers, dates) or the top values (the rest).
 * Two scans whatever the width: the first gets counts, approximate distinct counts
 * (`approx_count_distinct`, HyperLogLog: within a few percent, which is all a header
 * needs), min/max and candidate top values (`approx_top_k`); the second bins every
 * numeric column and counts the top values exactly. Date histograms use epoch
 * milliseconds for their edges.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnInfo, ColumnInsight, DatasetVersion } from '../../../shared/datasets';
import { versionTable } from './dataset-store';
import { quoteIdentifier } from '../db/sql-text';

const BINS = 20;
const TOP = 5;
/** Wider tables get insights for their first columns only; the rest load on demand. */
const MAX_COLUMNS = 400;

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;
const TEMPORAL = /^(DATE|TIMESTAMP.*)$/;

function numericExpression(column: ColumnInfo): string | null {
  const id = quoteIdentifier(column.name);
  if (NUMERIC.test(column.type)) return `CAST(${id} AS DOUBLE)`;
  if (column.type === 'DATE') return `CAST(epoch_ms(CAST(${id} AS TIMESTAMP)) AS DOUBLE)`;
  if (TEMPORAL.test(column.type)) return `CAST(epoch_ms(${id}) AS DOUBLE)`;
  return null;
}

type Row = Record<string, unknown>;

export async function columnInsights(
  connection: DuckDBConnection,
  version: DatasetVersion,
): Promise<ColumnInsight[]> {
  const table = versionTable(version.id);
  const columns = version.columns.slice(0, MAX_COLUMNS);
  if (columns.length === 0) return [];
  const stats =
    (
      await connection.runAndReadAll(`SELECT ${firstPass(columns).join(', ')} FROM ${table}`)
    ).getRowObjectsJS()[0] ?? {};
  const { select, params, candidates } = secondPass(columns, stats);
  const counts =
    select.length > 0
      ? ((
          await connection.runAndReadAll(`SELECT ${select.join(', ')} FROM ${table}`, params)
        ).getRowObjectsJS()[0] ?? {})
      : {};
  const total = Number(stats.n ?? 0);
  return columns.map((column, i) => {
    const insight: ColumnInsight = {
      name: column.name,
      type: column.type,
      missing: total - Number(stats[`c${i}`] ?? 0),
      distinct: Number(stats[`d${i}`] ?? 0),
    };
    if (numericExpression(column)) {
      const histogram = histogramOf(stats[`lo${i}`], stats[`hi${i}`], counts[`h${i}`]);
      if (histogram) insight.histogram = histogram;
    } else {
      insight.top = (candidates.get(i) ?? [])
        .map((value, k) => ({ value, count: Number(counts[`t${i}_${k}`] ?? 0) }))
        .sort((a, b) => b.count - a.count);
    }
    return insight;
  });
}

/** One scan for counts, distinct estimates, numeric ranges and top-value candidates. */
function firstPass(columns: ColumnInfo[]): string[] {
  const select: string[] = ['count(*) AS n'];
  columns.forEach((column, i) => {
    const id = quoteIdentifier(column.name);
    select.push(`count(${id}) AS c${i}`, `approx_count_distinct(${id}) AS d${i}`);
    const numeric = numericExpression(column);
    if (numeric) select.push(`min(${numeric}) AS lo${i}`, `max(${numeric}) AS hi${i}`);
    else select.push(`CAST(approx_top_k(CAST(${id} AS VARCHAR), ${TOP}) AS JSON)::VARCHAR AS t${i}`);
  });
  return select;
}

/** A second scan: histogram bins over the ranges found, and exact counts of the top candidates. */
function secondPass(
  columns: ColumnInfo[],
  stats: Row,
): { select: string[]; params: string[]; candidates: Map<number, string[]> } {
  const select: string[] = [];
  const params: string[] = [];
  const candidates = new Map<number, string[]>();
  columns.forEach((column, i) => {
    const numeric = numericExpression(column);
    const id = quoteIdentifier(column.name);
    if (numeric) {
      const lo = stats[`lo${i}`];
      const hi = stats[`hi${i}`];
      if (lo === null || lo === undefined || hi === null || hi === undefined) return;
      const width = (Number(hi) - Number(lo)) / BINS;
      const bin = width > 0 ? `least(floor((${numeric} - ${Number(lo)}) / ${width}), ${BINS - 1})` : '0';
      // least() ignores NULL, so NULLs are filtered out rather than landing in the last bin.
      select.push(
        `CAST(histogram(CAST(${bin} AS INTEGER)) FILTER (WHERE ${id} IS NOT NULL) AS JSON)::VARCHAR AS h${i}`,
      );
    } else {
      const values = JSON.parse(String(stats[`t${i}`] ?? '[]')) as Array<string | null>;
      const kept = values.filter((v): v is string => v !== null);
      candidates.set(i, kept);
      kept.forEach((value, k) => {
        params.push(value);
        select.push(`count(*) FILTER (WHERE CAST(${id} AS VARCHAR) = $${params.length}) AS t${i}_${k}`);
      });
    }
  });
  return { select, params, candidates };
}

function histogramOf(lo: unknown, hi: unknown, raw: unknown): ColumnInsight['histogram'] | undefined {
  if (lo === null || lo === undefined || !raw) return undefined;
  const byBin = JSON.parse(String(raw)) as Record<string, number>;
  const width = (Number(hi) - Number(lo)) / BINS;
  const bins = width > 0 ? BINS : 1;
  return {
    edges: Array.from({ length: bins + 1 }, (_v, b) => (b === bins ? Number(hi) : Number(lo) + b * width)),
    counts: Array.from({ length: bins }, (_v, b) => Number(byBin[String(b)] ?? 0)),
  };
}
