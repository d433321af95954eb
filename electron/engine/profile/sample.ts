/**
 * The rows the associations (and, on big tables, the MAD) are computed on: all of them up
 * to `sampleSize`, otherwise a seeded Bernoulli sample of about `sampleSize` rows. The
 * columns arrive as typed arrays — numbers as Float64Array with NaN for missing/±∞,
 * categories as Int32Array codes with −1 for missing — read straight from DuckDB's chunks.
 */
import type { DuckDBConnection, DuckDBDataChunk, DuckDBVector } from '@duckdb/node-api';
import type { ProfiledColumn } from './columns';
import { runQuery, throwIfAborted } from './sql';

export interface CategoricalSample {
  codes: Int32Array;
  levels: number;
}

export interface SampleData {
  rows: number;
  exact: boolean;
  method: string;
  numeric: Map<number, Float64Array>;
  categorical: Map<number, CategoricalSample>;
  /** For `missingColumns`, in order: which of them are missing in each sampled row. */
  missingSets: Uint16Array[];
}

/** Missing-indicator bits are packed 30 to an INTEGER. */
const BITS = 30;

export const SAMPLE_SEED = 42;

export async function fetchSample(
  conn: DuckDBConnection,
  table: string,
  tableRows: number,
  numeric: ProfiledColumn[],
  categorical: ProfiledColumn[],
  sampleSize: number,
  signal?: AbortSignal,
  /** Columns whose is-missing indicators are wanted (the nullity heatmap), at most 300. */
  missingColumns: ProfiledColumn[] = [],
): Promise<SampleData> {
  const exact = tableRows <= sampleSize;
  // Bernoulli rather than reservoir: a quarter of the time on a million rows, and the
  // row count only wobbles by about ±√n around the target.
  const percent = Math.min(100, (100 * sampleSize) / Math.max(1, tableRows));
  const using = exact ? '' : ` USING SAMPLE ${percent.toPrecision(6)}% (bernoulli, ${SAMPLE_SEED})`;
  const method = exact ? 'all rows' : `Bernoulli sample of ${percent.toPrecision(3)}% (seed ${SAMPLE_SEED})`;
  const numericData = new Map<number, Float64Array>();
  const categoricalData = new Map<number, CategoricalSample>();
  if (numeric.length + categorical.length + missingColumns.length === 0 || tableRows === 0) {
    return { rows: 0, exact, method, numeric: numericData, categorical: categoricalData, missingSets: [] };
  }
  const maskGroups: ProfiledColumn[][] = [];
  for (let i = 0; i < missingColumns.length; i += BITS) maskGroups.push(missingColumns.slice(i, i + BITS));
  const select = [
    ...numeric.map((c) => `COALESCE(${c.finiteSql}, 'NaN'::DOUBLE)`),
    ...categorical.map((c) => `CASE WHEN ${c.missingSql} THEN NULL ELSE ${c.sql}::VARCHAR END`),
    ...maskGroups.map((group) => group.map((c, bit) => `(${c.missingSql}::INTEGER << ${bit})`).join(' | ')),
  ].join(', ');
  const result = await runQuery(conn, `SELECT ${select} FROM ${table}${using}`, signal);
  const chunks: DuckDBDataChunk[] = [];
  let rows = 0;
  for (let i = 0; i < result.chunkCount; i++) {
    const chunk = result.getChunk(i);
    chunks.push(chunk);
    rows += chunk.rowCount;
  }
  const breathe = breather(signal);
  for (const [j, c] of numeric.entries()) {
    await breathe();
    numericData.set(c.index, readNumbers(chunks, rows, j));
  }
  for (const [j, c] of categorical.entries()) {
    await breathe();
    categoricalData.set(c.index, readCategories(chunks, rows, numeric.length + j));
  }
  await breathe();
  const missingSets = readMissingSets(chunks, numeric.length + categorical.length, maskGroups.length);
  return { rows, exact, method, numeric: numericData, categorical: categoricalData, missingSets };
}

/** Vector `j` of every chunk as one Float64Array (NaN for missing and ±∞). */
export function readNumbers(chunks: DuckDBDataChunk[], rows: number, j: number): Float64Array {
  const out = new Float64Array(rows);
  let offset = 0;
  for (const chunk of chunks) {
    const vector = chunk.getColumnVector(j);
    const n = chunk.rowCount;
    if (!copyDoubles(vector, n, out, offset)) {
      for (let k = 0; k < n; k++) out[offset + k] = (vector.getItem(k) as number | null) ?? Number.NaN;
    }
    offset += n;
  }
  return out;
}

/**
 * Copies a DOUBLE vector's values into `out` at `at` in one step, NULLs as NaN, from the
 * vector's own Float64Array and validity words (node-api keeps them as `items` and
 * `validity.data`): `getItem` tests validity with BigInt arithmetic, about 30 ns a value.
 * False (nothing copied) for a vector not laid out that way.
 */
export function copyDoubles(vector: DuckDBVector, rows: number, out: Float64Array, at: number): boolean {
  const { items, validity } = vector as unknown as {
    items?: unknown;
    validity?: { data?: unknown; offset?: unknown };
  };
  if (!(items instanceof Float64Array) || items.length !== rows) return false;
  const words = validity?.data;
  if (words !== null && !(words instanceof BigUint64Array && validity?.offset === 0)) return false;
  out.set(items, at);
  if (words === null) return true;
  // The validity words as 32-bit halves (little-endian): bit k of half k >> 5 is row k.
  const halves = new Uint32Array(words.buffer, words.byteOffset, words.length * 2);
  for (let h = 0; h < halves.length; h++) {
    const bits = halves[h];
    if (bits === 0xffffffff) continue;
    const end = Math.min(rows, (h + 1) * 32);
    for (let k = h * 32; k < end; k++) if (((bits >>> (k & 31)) & 1) === 0) out[at + k] = Number.NaN;
  }
  return true;
}

/** Vector `j` of every chunk as category codes in order of first appearance (−1 for missing). */
export function readCategories(chunks: DuckDBDataChunk[], rows: number, j: number): CategoricalSample {
  const codes = new Int32Array(rows);
  const dictionary = new Map<string, number>();
  let offset = 0;
  for (const chunk of chunks) {
    const vector = chunk.getColumnVector(j);
    const n = chunk.rowCount;
    for (let k = 0; k < n; k++) {
      const v = vector.getItem(k) as string | null;
      if (v === null) {
        codes[offset + k] = -1;
        continue;
      }
      let code = dictionary.get(v);
      if (code === undefined) dictionary.set(v, (code = dictionary.size));
      codes[offset + k] = code;
    }
    offset += n;
  }
  return { codes, levels: dictionary.size };
}

/**
 * Rows usually miss few cells: keep, per row, the list of missing column positions, from
 * the `groups` mask vectors that start at vector `first`.
 */
function readMissingSets(chunks: DuckDBDataChunk[], first: number, groups: number): Uint16Array[] {
  const missingSets: Uint16Array[] = [];
  if (groups === 0) return missingSets;
  for (const chunk of chunks) {
    const vectors = Array.from({ length: groups }, (_, g) => chunk.getColumnVector(first + g));
    for (let k = 0; k < chunk.rowCount; k++) {
      const set: number[] = [];
      vectors.forEach((vector, g) => {
        let mask = (vector.getItem(k) as number | null) ?? 0;
        while (mask !== 0) {
          const bit = 31 - Math.clz32(mask & -mask);
          set.push(g * BITS + bit);
          mask &= mask - 1;
        }
      });
      missingSets.push(Uint16Array.from(set));
    }
  }
  return missingSets;
}

/** Let the event loop breathe between CPU-bound steps (progress events, cancellation). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Longest stretch of synchronous work between two yields. */
const SLICE_MS = 4;

/**
 * A checkpoint for CPU-bound loops: yields to the event loop (then checks for abort) once
 * SLICE_MS have passed since the last yield, or always when `force`d. The association math
 * runs while the profile's other statements are in flight, and each finished statement
 * needs this thread to hand its connection the next one, so the slices are kept short.
 */
export function breather(signal?: AbortSignal): (force?: boolean) => Promise<void> {
  let last = performance.now();
  return async (force = false) => {
    if (!force && performance.now() - last < SLICE_MS) return;
    await yieldToEventLoop();
    throwIfAborted(signal);
    last = performance.now();
  };
}
