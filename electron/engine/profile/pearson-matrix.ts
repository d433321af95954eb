/**
 * Pearson's r between every pair of sample columns (pairwise-complete, as `pearson` in
 * association-math.ts), for the Pearson and Spearman matrices. Calling `pearson` per pair
 * re-reads both columns with a missing-value test per row and pair: 378 pairs × 2
 * matrices × 100k rows was the largest piece of the association stage. Here each column
 * is prepared once — centred on its mean, 0 where missing, with its sums and the list of
 * its missing rows — so a pair costs one plain dot product plus corrections over the
 * (usually few) rows where either side is missing: the sums over the rows both have are
 * the column's own sums minus what the other's missing rows hold.
 */
import { meanOf, pearson } from './association-math';

export interface PreparedColumn {
  /** The values centred on their mean; 0 where missing. */
  centred: Float64Array;
  /** Rows where the value is missing (NaN), ascending. */
  missing: Int32Array;
  /** 1 for missing rows; null when none are. */
  isMissing: Uint8Array | null;
  /** Σ and Σ² of the centred present values. */
  sum: number;
  squares: number;
  /** The raw values (for columns too sparse for corrections). */
  values: Float64Array;
  shift: number;
}

export function prepareColumn(values: Float64Array): PreparedColumn {
  const n = values.length;
  const shift = meanOf(values);
  const centred = new Float64Array(n);
  const missing: number[] = [];
  let sum = 0;
  let squares = 0;
  for (let r = 0; r < n; r++) {
    const v = values[r] - shift;
    if (v !== v) {
      missing.push(r);
      continue;
    }
    centred[r] = v;
    sum += v;
    squares += v * v;
  }
  let isMissing: Uint8Array | null = null;
  if (missing.length > 0) {
    isMissing = new Uint8Array(n);
    for (const r of missing) isMissing[r] = 1;
  }
  return { centred, missing: Int32Array.from(missing), isMissing, sum, squares, values, shift };
}

/** Σ a·b, four running sums so the additions do not wait on each other. */
function dot(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let r = 0;
  for (; r + 3 < n; r += 4) {
    s0 += a[r] * b[r];
    s1 += a[r + 1] * b[r + 1];
    s2 += a[r + 2] * b[r + 2];
    s3 += a[r + 3] * b[r + 3];
  }
  for (; r < n; r++) s0 += a[r] * b[r];
  return s0 + s1 + s2 + s3;
}

/** Pearson's r of two prepared columns over the rows both have; null when undefined. */
export function preparedPearson(a: PreparedColumn, b: PreparedColumn): number | null {
  const n = a.centred.length;
  // Corrections over most of the rows would subtract nearly everything: sum directly.
  if (a.missing.length + b.missing.length > n / 2) {
    return pearson(a.values, b.values, a.shift, b.shift);
  }
  let sx = a.sum;
  let sxx = a.squares;
  let sy = b.sum;
  let syy = b.squares;
  let both = 0;
  for (let k = 0; k < b.missing.length; k++) {
    const r = b.missing[k];
    const v = a.centred[r];
    sx -= v;
    sxx -= v * v;
    if (a.isMissing !== null && a.isMissing[r] === 1) both++;
  }
  for (let k = 0; k < a.missing.length; k++) {
    const v = b.centred[a.missing[k]];
    sy -= v;
    syy -= v * v;
  }
  const m = n - a.missing.length - b.missing.length + both;
  if (m < 2) return null;
  const sxy = dot(a.centred, b.centred);
  // The same formula and thresholds as `pearson`.
  const cxx = sxx - (sx * sx) / m;
  const cyy = syy - (sy * sy) / m;
  const cxy = sxy - (sx * sy) / m;
  if (!(cxx > 1e-12 * sxx) || !(cyy > 1e-12 * syy)) return null;
  return Math.max(-1, Math.min(1, cxy / Math.sqrt(cxx * cyy)));
}
