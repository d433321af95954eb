/**
 * The association measures, as plain functions over typed arrays so they can be checked
 * against hand computations: Pearson's r (pairwise-complete), average ranks for Spearman,
 * Cramér's V with Bergsma's bias correction, and the correlation ratio η. Missing numbers
 * are NaN; missing categories are −1.
 */
import { bucketOrder } from './rank-order';

/** Mean of the non-NaN values (used as the shift that keeps the pairwise sums accurate). */
export function meanOf(x: Float64Array): number {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v === v) {
      n++;
      sum += v;
    }
  }
  return n > 0 ? sum / n : 0;
}

/**
 * Pearson's r over the rows where both are present (not NaN); null when undefined (fewer
 * than 2 rows, or a constant side). Sums are taken about each column's own mean (passed in
 * when the caller has it), so no precision is lost to large offsets.
 */
export function pearson(
  x: Float64Array,
  y: Float64Array,
  shiftX = meanOf(x),
  shiftY = meanOf(y),
): number | null {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i] - shiftX;
    const b = y[i] - shiftY;
    if (a !== a || b !== b) continue; // NaN check without a call
    n++;
    sx += a;
    sy += b;
    sxx += a * a;
    syy += b * b;
    sxy += a * b;
  }
  if (n < 2) return null;
  const cxx = sxx - (sx * sx) / n;
  const cyy = syy - (sy * sy) / n;
  const cxy = sxy - (sx * sy) / n;
  if (!(cxx > 1e-12 * sxx) || !(cyy > 1e-12 * syy)) return null;
  return Math.max(-1, Math.min(1, cxy / Math.sqrt(cxx * cyy)));
}

/**
 * Average ranks (1-based; ties share their mean rank); NaN stays NaN. The present values
 * are ordered (`sortedOrder`: a bucket sort, or an LSD radix sort on their IEEE-754 bits,
 * 16 bits a pass, passes where every key shares the digit skipped), then each run of
 * equal values gets its mean rank in one sweep: a few ms per 100k values against 30 ms for
 * a native sort plus a binary search per value.
 */
export function averageRanks(x: Float64Array): Float64Array {
  const ranks = new Float64Array(x.length);
  const order = sortedOrder(x);
  const m = order.length;
  for (let i = 0; i < x.length; i++) if (x[i] !== x[i]) ranks[i] = Number.NaN;
  let start = 0;
  while (start < m) {
    const v = x[order[start]];
    let end = start + 1;
    while (end < m && x[order[end]] === v) end++;
    const rank = (start + 1 + end) / 2; // mean of ranks start+1 … end
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    start = end;
  }
  return ranks;
}

const DIGIT_BITS = 16;
const DIGITS = 1 << DIGIT_BITS;

/**
 * Indices of the non-NaN values of `x`, in ascending order of value, ties in index order:
 * a bucket sort (rank-order.ts) unless the values crowd its buckets, then a stable radix
 * sort.
 */
export function sortedOrder(x: Float64Array): Uint32Array {
  return bucketOrder(x) ?? radixOrder(x);
}

/** `sortedOrder` by an LSD radix sort on the values' bits (stable). */
function radixOrder(x: Float64Array): Uint32Array {
  let m = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) m++;
  const bits = new Float64Array(m);
  let order = new Uint32Array(m);
  for (let i = 0, k = 0; i < x.length; i++) {
    const v = x[i];
    if (v === v) {
      bits[k] = v;
      order[k++] = i;
    }
  }
  // Little-endian halves of each double, made to sort as unsigned integers: negative
  // numbers have every bit flipped, positive ones only the sign bit.
  const words = new Uint32Array(bits.buffer);
  const lo = new Uint32Array(m);
  const hi = new Uint32Array(m);
  for (let k = 0; k < m; k++) {
    const h = words[2 * k + 1];
    const negative = h >>> 31 === 1;
    lo[k] = negative ? ~words[2 * k] >>> 0 : words[2 * k];
    hi[k] = negative ? ~h >>> 0 : (h | 0x80000000) >>> 0;
  }
  // `order[k]` holds the x-index of the k-th key; keys are addressed by position k.
  let position = new Uint32Array(m);
  for (let k = 0; k < m; k++) position[k] = k;
  let nextPosition = new Uint32Array(m);
  let nextOrder = new Uint32Array(m);
  const counts = new Uint32Array(DIGITS);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? lo : hi;
    const shift = (pass % 2) * DIGIT_BITS;
    counts.fill(0);
    for (let k = 0; k < m; k++) counts[(word[position[k]] >>> shift) & (DIGITS - 1)]++;
    if (m === 0 || counts[(word[position[0]] >>> shift) & (DIGITS - 1)] === m) continue;
    let sum = 0;
    for (let d = 0; d < DIGITS; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    for (let k = 0; k < m; k++) {
      const p = position[k];
      const slot = counts[(word[p] >>> shift) & (DIGITS - 1)]++;
      nextPosition[slot] = p;
      nextOrder[slot] = order[k];
    }
    [position, nextPosition] = [nextPosition, position];
    [order, nextOrder] = [nextOrder, order];
  }
  return order;
}

/** Spearman's ρ as Pearson's r of average ranks. */
export function spearman(x: Float64Array, y: Float64Array): number | null {
  return pearson(averageRanks(x), averageRanks(y));
}

/** Contingency table of two coded categoricals over rows where both are present. */
export function contingency(
  a: Int32Array,
  levelsA: number,
  b: Int32Array,
  levelsB: number,
): { table: Float64Array; n: number } {
  const table = new Float64Array(levelsA * levelsB);
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const u = a[i];
    const v = b[i];
    if (u < 0 || v < 0) continue;
    table[u * levelsB + v]++;
    n++;
  }
  return { table, n };
}

/**
 * Cramér's V from an r×k contingency table (row-major), bias-corrected as Bergsma (2013)
 * — the same correction ydata-profiling applies — without Yates' continuity correction.
 * Empty rows/columns are dropped first (they would only inflate the correction).
 */
export function cramersV(table: ArrayLike<number>, rows: number, cols: number): number | null {
  const rowSums = new Float64Array(rows);
  const colSums = new Float64Array(cols);
  let n = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = table[i * cols + j];
      rowSums[i] += v;
      colSums[j] += v;
      n += v;
    }
  }
  const r = rowSums.filter((s) => s > 0).length;
  const k = colSums.filter((s) => s > 0).length;
  if (n < 2 || r < 2 || k < 2) return null;
  let chi2 = 0;
  for (let i = 0; i < rows; i++) {
    if (rowSums[i] === 0) continue;
    for (let j = 0; j < cols; j++) {
      if (colSums[j] === 0) continue;
      const expected = (rowSums[i] * colSums[j]) / n;
      chi2 += (table[i * cols + j] - expected) ** 2 / expected;
    }
  }
  const phi2 = chi2 / n;
  const phi2corr = Math.max(0, phi2 - ((k - 1) * (r - 1)) / (n - 1));
  const rcorr = r - (r - 1) ** 2 / (n - 1);
  const kcorr = k - (k - 1) ** 2 / (n - 1);
  const denominator = Math.min(kcorr - 1, rcorr - 1);
  if (!(denominator > 0)) return null;
  return Math.min(1, Math.sqrt(phi2corr / denominator));
}

/**
 * Correlation ratio η of `values` given `groups`: √(between-group SS / total SS) over rows
 * with both present; 0 ≤ η ≤ 1.
 */
export function correlationRatio(groups: Int32Array, levels: number, values: Float64Array): number | null {
  const count = new Float64Array(levels);
  const mean = new Float64Array(levels);
  const m2 = new Float64Array(levels);
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    const v = values[i];
    if (g < 0 || v !== v) continue;
    const c = ++count[g];
    const d = v - mean[g];
    mean[g] += d / c;
    m2[g] += d * (v - mean[g]);
  }
  let n = 0;
  let total = 0;
  for (let g = 0; g < levels; g++) {
    n += count[g];
    total += count[g] * mean[g];
  }
  if (n < 2) return null;
  const grand = total / n;
  let between = 0;
  let within = 0;
  for (let g = 0; g < levels; g++) {
    if (count[g] === 0) continue;
    between += count[g] * (mean[g] - grand) ** 2;
    within += m2[g];
  }
  const ss = between + within;
  if (!(ss > 0)) return null;
  return Math.min(1, Math.sqrt(between / ss));
}

/** Median of the finite values (a quickselect on a copy: linear time, no full sort). */
export function median(values: Float64Array): number | null {
  const finite = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v === 0) finite[n++] = v; // false for NaN and ±∞
  }
  if (n === 0) return null;
  const a = finite.subarray(0, n);
  const mid = n >> 1;
  const upper = select(a, mid);
  if (n % 2) return upper;
  // After selecting `mid`, everything before it is ≤ it: the lower middle is their maximum.
  let lower = a[0];
  for (let i = 1; i < mid; i++) if (a[i] > lower) lower = a[i];
  return (lower + upper) / 2;
}

/** Rearrange `a` so a[k] is the k-th smallest, smaller ones before it (Hoare's quickselect). */
function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    // Median of three as the pivot keeps sorted and reversed input linear.
    const mid = (left + right) >>> 1;
    if (a[mid] < a[left]) swap(a, mid, left);
    if (a[right] < a[left]) swap(a, right, left);
    if (a[right] < a[mid]) swap(a, right, mid);
    const pivot = a[mid];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k];
  }
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** Median absolute deviation (unscaled): median(|x − median(x)|). */
export function medianAbsoluteDeviation(values: Float64Array): number | null {
  const m = median(values);
  if (m === null) return null;
  const deviations = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) deviations[i] = Math.abs(values[i] - m);
  return median(deviations);
}
