/**
 * Histograms of numeric columns: the bin count follows numpy's "auto" rule (the larger of
 * Freedman–Diaconis and Sturges), capped at 50 as ydata-profiling's bins setting, and at
 * one bin per integer for small integer ranges. Every column's histogram in a batch comes
 * from one scan: DuckDB's histogram() aggregate over a computed bin index.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Histogram } from '../../../shared/profile';
import { type ProfiledColumn, chunk } from './columns';
import { num, queryRows } from './sql';
import { toCount, toNumber } from './values';

export const MAX_BINS = 50;
const RULE = 'max(Freedman–Diaconis, Sturges) as numpy "auto", at most 50 bins';

export interface BinPlan {
  column: ProfiledColumn;
  min: number;
  max: number;
  bins: number;
  /** Finite values (when min = max, the single bin holds them all and no query is needed). */
  count: number;
}

/** numpy's "auto" bin count for n values over [min, max] with the given IQR. */
export function autoBinCount(
  n: number,
  min: number,
  max: number,
  iqr: number | null,
  integer: boolean,
): number {
  const range = max - min;
  if (n <= 0 || !(range > 0)) return 1;
  const sturgesWidth = range / (Math.log2(n) + 1);
  const fdWidth = iqr && iqr > 0 ? (2 * iqr) / Math.cbrt(n) : 0;
  const width = fdWidth > 0 ? Math.min(fdWidth, sturgesWidth) : sturgesWidth;
  let bins = Math.max(1, Math.ceil(range / width));
  if (integer) bins = Math.min(bins, range + 1);
  return Math.min(MAX_BINS, bins);
}

function edgesOf(plan: BinPlan): number[] {
  const width = (plan.max - plan.min) / plan.bins;
  const edges: number[] = [];
  for (let i = 0; i < plan.bins; i++) edges.push(plan.min + i * width);
  edges.push(plan.max);
  return edges;
}

/** The χ² statistic against "every bin equally likely" and its degrees of freedom. */
export function uniformChiSquared(counts: readonly number[]): { chiSquared: number; dof: number } {
  const k = counts.length;
  const total = counts.reduce((a, b) => a + b, 0);
  if (k < 2 || total === 0) return { chiSquared: 0, dof: 0 };
  const expected = total / k;
  let chi = 0;
  for (const c of counts) chi += (c - expected) ** 2 / expected;
  return { chiSquared: chi, dof: k - 1 };
}

export async function computeHistograms(
  conn: DuckDBConnection,
  table: string,
  plans: BinPlan[],
  signal?: AbortSignal,
): Promise<Map<number, Histogram>> {
  const out = new Map<number, Histogram>();
  const toQuery: BinPlan[] = [];
  for (const plan of plans) {
    if (plan.bins <= 1 || !(plan.max > plan.min)) {
      out.set(plan.column.index, {
        edges: [plan.min, plan.max],
        counts: [plan.count],
        rule: RULE,
      });
    } else {
      toQuery.push(plan);
    }
  }
  for (const batch of chunk(toQuery, 200)) {
    const select = batch
      .map((p) => {
        const v = p.column.finiteSql;
        const width = (p.max - p.min) / p.bins;
        // LEAST skips NULLs in DuckDB (LEAST(NULL, 9) = 9), so missing values are kept NULL
        // by the CASE, and histogram() ignores them (cheaper than a FILTER clause).
        return `histogram(CASE WHEN ${v} IS NOT NULL THEN LEAST(floor((${v} - ${num(p.min)}) / ${num(width)}), ${p.bins - 1})::INTEGER END)`;
      })
      .join(',\n  ');
    const [row] = await queryRows(conn, `SELECT ${select}\nFROM ${table}`, signal);
    batch.forEach((plan, i) => {
      const counts = new Array<number>(plan.bins).fill(0);
      const entries = Array.isArray(row[i]) ? (row[i] as { key: unknown; value: unknown }[]) : [];
      for (const { key, value } of entries) {
        const bin = toNumber(key);
        if (bin !== null && bin >= 0 && bin < plan.bins) counts[bin] += toCount(value);
      }
      out.set(plan.column.index, { edges: edgesOf(plan), counts, rule: RULE });
    });
  }
  return out;
}
