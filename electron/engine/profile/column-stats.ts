/**
 * The first, widest pass: one aggregate query per batch of columns computes every simple
 * statistic at once — counts, missing (NULL and NaN), zeros, negatives, ±∞, min/max, power
 * sums for the moments, string lengths, date ranges — so the table is scanned once per 200
 * columns instead of once per statistic. Distinct counts and quantiles are not in it: both
 * need the values themselves (a hash table, a selection), which DuckDB does far faster per
 * column than as hundreds of holistic aggregates in one statement (measured on 1M × 31:
 * 1.2 s of count(DISTINCT) and 2.3–4 s of quantile_cont in the wide query, against
 * 30–70 ms per column on its own). Distinct counts come from the value-count GROUP BY
 * (`value-counts.ts`), and so do exact quantiles (`quantilesFromCounts` below, or the
 * binned selection there); `columnQuantiles` is the t-digest path and the fallback.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { type ProfiledColumn, chunk, isNumberKind } from './columns';
import { type PowerSums } from './moments';
import { type QueryPool, queryRows } from './sql';
import { toCount, toNumber } from './values';

/** Quantile probabilities (ydata-profiling's defaults). */
export const QUANTILE_PROBS = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

export interface RawColumnStats {
  count: number;
  nan: number;
  /** Exact distinct non-missing values; filled in from the value counts. */
  distinct: number;
  numeric?: {
    infinite: number;
    zeros: number;
    negatives: number;
    finiteCount: number;
    min: number | null;
    max: number | null;
    sum: number | null;
    powerSums: PowerSums;
    /** QUANTILE_PROBS in order; filled in after the value counts (see `columnQuantiles`). */
    quantiles: (number | null)[];
    /** Exact MAD, when requested for this pass. */
    mad: number | null;
  };
  text?: { minLength: number | null; meanLength: number | null; maxLength: number | null; dateCount: number };
  datetime?: { minMs: number | null; maxMs: number | null };
}

export interface ColumnStatsOptions {
  /** Compute MAD exactly in SQL (otherwise it comes from the sample later). */
  exactMad: boolean;
  /** Columns per query; very wide tables are split so no single statement grows unbounded. */
  batchSize?: number;
}

/**
 * Close-to-the-mean shifts for the power sums, from the first rows (cheap: stops after 10k
 * rows), and the distinct values among those rows (NaN counted as one): which integer
 * columns look few-valued enough for `statsFromValueCounts`, and which columns certainly
 * have more distinct values than a categorical number.
 */
export async function peekColumns(
  conn: DuckDBConnection,
  table: string,
  columns: ProfiledColumn[],
  signal?: AbortSignal,
): Promise<{ shifts: Map<number, number>; distinct: Map<number, number> }> {
  const numeric = columns.filter((c) => isNumberKind(c.kind));
  const shifts = new Map<number, number>();
  const distinct = new Map<number, number>();
  for (const batch of chunk(numeric, 200)) {
    const select = batch.map((c) => `avg(${c.finiteSql}), count(DISTINCT ${c.sql})`).join(', ');
    const inner = batch.map((c) => c.sql).join(', ');
    const [row] = await queryRows(
      conn,
      `SELECT ${select} FROM (SELECT ${inner} FROM ${table} LIMIT 10000)`,
      signal,
    );
    batch.forEach((c, i) => {
      shifts.set(c.index, toNumber(row[2 * i]) ?? 0);
      const d = toNumber(row[2 * i + 1]);
      if (d !== null) distinct.set(c.index, d);
    });
  }
  return { shifts, distinct };
}

/**
 * The wide pass's statistics of a column whose value counts are all known — strings and
 * booleans (count and lengths), and integer columns with at most FULL_COUNTS_MAX distinct
 * values (every (value, count) pair) — so the wide aggregate can leave it out. Integers
 * have no NaN or ±∞; min, max, zeros, negatives and the (integer-valued) sum are exact, and
 * the shifted power sums are the same Σ(v − shift)ᵏ weighted by the counts (the terms
 * grouped by value instead of by row, which only reorders the floating-point additions).
 * Returns undefined when the counts do not cover the column (too many distinct values).
 */
export function statsFromValueCounts(
  c: ProfiledColumn,
  summary: {
    total: number;
    counts?: { values: Float64Array; counts: Float64Array };
    lengths?: { min: number | null; max: number | null; sum: number };
  },
  shift: number,
): RawColumnStats | undefined {
  const count = summary.total;
  const raw: RawColumnStats = { count, nan: 0, distinct: 0 };
  if (c.kind === 'string') {
    const lengths = summary.lengths;
    raw.text = {
      minLength: count > 0 ? (lengths?.min ?? null) : null,
      meanLength: count > 0 && lengths ? lengths.sum / count : null,
      maxLength: count > 0 ? (lengths?.max ?? null) : null,
      dateCount: 0,
    };
    return raw;
  }
  if (c.kind === 'boolean') return raw;
  if (c.kind !== 'integer') return undefined;
  const counts = summary.counts;
  if (!counts && count > 0) return undefined;
  const values = counts?.values ?? new Float64Array(0);
  const weights = counts?.counts ?? new Float64Array(0);
  let zeros = 0;
  let negatives = 0;
  let finiteCount = 0;
  let sum = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const n = weights[i];
    if (v === 0) zeros += n;
    else if (v < 0) negatives += n;
    finiteCount += n;
    sum += v * n;
    const d = v - shift;
    const e = d * d;
    s1 += d * n;
    s2 += e * n;
    s3 += e * d * n;
    s4 += e * e * n;
  }
  raw.numeric = {
    infinite: 0,
    zeros,
    negatives,
    finiteCount,
    min: values.length > 0 ? values[0] : null,
    max: values.length > 0 ? values[values.length - 1] : null,
    sum: finiteCount > 0 ? sum : null,
    powerSums: { n: finiteCount, shift, s1, s2, s3, s4 },
    quantiles: QUANTILE_PROBS.map(() => null),
    mad: null,
  };
  return raw;
}

interface Slot {
  column: ProfiledColumn;
  stat: string;
  sql: string;
}

function columnAggregates(c: ProfiledColumn, shift: number, options: ColumnStatsOptions): Slot[] {
  const q = c.sql;
  const slots: Slot[] = [];
  const add = (stat: string, sql: string): void => {
    slots.push({ column: c, stat, sql });
  };
  // sum(bool::INTEGER) rather than count(*) FILTER (…): DuckDB evaluates each FILTER as a
  // separate selection, over ten times slower across hundreds of aggregates.
  // For floats count(q) still includes NaN, which `assemble` subtracts.
  add('count', `count(${q})`);
  if (c.kind === 'float') add('nan', `sum(isnan(${q})::INTEGER)`);
  if (isNumberKind(c.kind) && c.finiteSql) {
    // Projected once per row by `projection()` below, so the CASE and the subtraction are
    // not re-evaluated inside every aggregate (DuckDB does not share them across aggregates).
    const { v, d, e } = projected(c);
    add('zeros', `sum((${q} = 0)::INTEGER)`);
    add('negatives', `sum((${q} < 0)::INTEGER)`);
    add('finiteCount', `count(${v})`);
    add('min', `min(${v})`);
    add('max', `max(${v})`);
    add('sum', `sum(${v})`);
    add('s1', `sum(${d})`);
    add('s2', `sum(${e})`);
    add('s3', `sum(${e} * ${d})`);
    add('s4', `sum(${e} * ${e})`);
    if (options.exactMad) add('mad', `mad(${v})`);
  }
  if (c.kind === 'string') {
    add('minLength', `min(length(${q}))`);
    add('meanLength', `avg(length(${q}))`);
    add('maxLength', `max(length(${q}))`);
  }
  if (c.kind === 'date' || c.kind === 'timestamp') {
    add('minMs', `epoch_ms(min(${q}))`);
    add('maxMs', `epoch_ms(max(${q}))`);
  }
  return slots;
}

/** Names of the per-row helper columns: v = finite value, d = v − shift, e = d². */
function projected(c: ProfiledColumn): { v: string; d: string; e: string } {
  return {
    v: `"assay v${c.index}"`,
    d: `"assay d${c.index}"`,
    e: `"assay e${c.index}"`,
  };
}

/** The relation the aggregates read: the table plus the helper columns of number columns. */
function projection(table: string, batch: ProfiledColumn[], shifts: Map<number, number>): string {
  const extra = batch
    .filter((c) => isNumberKind(c.kind) && c.finiteSql)
    .map((c) => {
      const { v, d, e } = projected(c);
      const shift = shifts.get(c.index) ?? 0;
      return `${c.finiteSql} AS ${v}, ${v} - ${shift.toPrecision(17)} AS ${d}, ${d} * ${d} AS ${e}`;
    });
  return extra.length ? `(SELECT *, ${extra.join(', ')} FROM ${table})` : table;
}

function assemble(c: ProfiledColumn, stats: Map<string, unknown>, shift: number): RawColumnStats {
  // Non-NULL float values are NaN, ±∞ or finite, so count and ±∞ follow from the others.
  const nan = toCount(stats.get('nan'));
  const count = toCount(stats.get('count')) - nan;
  const raw: RawColumnStats = { count, nan, distinct: 0 };
  if (isNumberKind(c.kind)) {
    const finiteCount = toCount(stats.get('finiteCount'));
    raw.numeric = {
      infinite: c.finiteSql ? count - finiteCount : 0,
      zeros: toCount(stats.get('zeros')),
      negatives: toCount(stats.get('negatives')),
      finiteCount,
      min: toNumber(stats.get('min')),
      max: toNumber(stats.get('max')),
      sum: finiteCount > 0 ? toNumber(stats.get('sum')) : null,
      powerSums: {
        n: finiteCount,
        shift,
        s1: toNumber(stats.get('s1')) ?? 0,
        s2: toNumber(stats.get('s2')) ?? 0,
        s3: toNumber(stats.get('s3')) ?? 0,
        s4: toNumber(stats.get('s4')) ?? 0,
      },
      quantiles: QUANTILE_PROBS.map(() => null),
      mad: toNumber(stats.get('mad')),
    };
  }
  if (c.kind === 'string') {
    raw.text = {
      minLength: toNumber(stats.get('minLength')),
      meanLength: toNumber(stats.get('meanLength')),
      maxLength: toNumber(stats.get('maxLength')),
      // Filled in from the value counts: parsing each distinct string once is far cheaper.
      dateCount: 0,
    };
  }
  if (c.kind === 'date' || c.kind === 'timestamp') {
    raw.datetime = { minMs: toNumber(stats.get('minMs')), maxMs: toNumber(stats.get('maxMs')) };
  }
  return raw;
}

/**
 * Row count and per-column statistics. `onBatch` fires after each batch so the caller can
 * publish partial results for very wide tables.
 */
export async function computeColumnStats(
  conn: DuckDBConnection,
  table: string,
  columns: ProfiledColumn[],
  shifts: Map<number, number>,
  options: ColumnStatsOptions,
  signal?: AbortSignal,
  onBatch?: (done: number) => void,
): Promise<{ rows: number; stats: Map<number, RawColumnStats> }> {
  const stats = new Map<number, RawColumnStats>();
  let rows = 0;
  const batches = chunk(columns, options.batchSize ?? 200);
  if (batches.length === 0) {
    const [row] = await queryRows(conn, `SELECT count(*) FROM ${table}`, signal);
    return { rows: toCount(row[0]), stats };
  }
  let done = 0;
  for (const [b, batch] of batches.entries()) {
    const slots = batch.flatMap((c) => columnAggregates(c, shifts.get(c.index) ?? 0, options));
    const perColumn = new Map<number, Map<string, unknown>>();
    const select = [b === 0 ? 'count(*)' : '0', ...slots.map((s) => s.sql)].join(',\n  ');
    const source = projection(table, batch, shifts);
    const [row] = await queryRows(conn, `SELECT ${select}\nFROM ${source}`, signal);
    if (b === 0) rows = toCount(row[0]);
    slots.forEach((slot, i) => {
      let m = perColumn.get(slot.column.index);
      if (!m) perColumn.set(slot.column.index, (m = new Map()));
      m.set(slot.stat, row[i + 1]);
    });
    for (const c of batch) {
      stats.set(c.index, assemble(c, perColumn.get(c.index) ?? new Map(), shifts.get(c.index) ?? 0));
    }
    done += batch.length;
    onBatch?.(done);
  }
  return { rows, stats };
}

/**
 * The five quantiles of one number column's finite values, in one statement: DuckDB's
 * list form sorts (selects) once for all five. `quantile_cont` is exact with numpy's linear
 * interpolation; `approx_quantile` is a t-digest sketch (see `Profile.approximations`).
 */
export async function columnQuantiles(
  pool: QueryPool,
  table: string,
  column: ProfiledColumn,
  approximate: boolean,
  signal?: AbortSignal,
): Promise<(number | null)[]> {
  const v = column.finiteSql;
  if (!v) return QUANTILE_PROBS.map(() => null);
  const probs = `[${QUANTILE_PROBS.join(', ')}]`;
  const fn = approximate ? 'approx_quantile' : 'quantile_cont';
  const [row] = await pool.rows(`SELECT ${fn}(${v}, ${probs}) FROM ${table}`, signal);
  const list = row[0];
  if (!Array.isArray(list)) return QUANTILE_PROBS.map(() => null);
  return list.map((x) => toNumber(x));
}

/**
 * Exact quantiles (numpy's linear interpolation, as quantile_cont) from sorted distinct
 * values and their counts: the value at 0-based rank r is the first whose running count
 * exceeds r.
 */
export function quantilesFromCounts(values: Float64Array, counts: Float64Array): (number | null)[] {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  if (total === 0) return QUANTILE_PROBS.map(() => null);
  const valueAt = (rank: number): number => {
    let seen = 0;
    for (let i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen > rank) return values[i];
    }
    return values[values.length - 1];
  };
  return QUANTILE_PROBS.map((p) => {
    const h = (total - 1) * p;
    const lo = Math.floor(h);
    return interpolate(valueAt(lo), valueAt(Math.min(lo + 1, total - 1)), h - lo);
  });
}

/**
 * quantile_cont's step between the values at ranks ⌊h⌋ and ⌊h⌋ + 1, in DuckDB's own
 * arithmetic (lo·(1 − d) + hi·d), so the result matches it to the last bit.
 */
export function interpolate(lo: number, hi: number, d: number): number {
  return d === 0 ? lo : lo * (1 - d) + hi * d;
}
