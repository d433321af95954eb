/**
 * The association measures, as plain functions over typed arrays so they can be checked
 * against hand computations: Pearson's r (pairwise-complete), average ranks for Spearman,
 * Cramér's V with Bergsma's bias correction, and the correlation ratio η. Missing numbers
 * are NaN; missing categories are −1.
 */

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
 * Average ranks (1-based; ties share their mean rank); NaN stays NaN. The values are
 * sorted natively as a Float64Array and each value finds its tie run by binary search,
 * which is several times faster than sorting indices with a comparator.
 */
export function averageRanks(x: Float64Array): Float64Array {
  const sorted = x.filter((v) => v === v).sort();
  const ranks = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v !== v) {
      ranks[i] = Number.NaN;
      continue;
    }
    const lo = lowerBound(sorted, v);
    const hi = upperBound(sorted, v, lo);
    ranks[i] = (lo + 1 + hi) / 2; // mean of ranks lo+1 … hi
  }
  return ranks;
}

function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: Float64Array, v: number, from: number): number {
  // Ties are usually short: step first, then fall back to binary search.
  let i = from;
  const limit = Math.min(sorted.length, from + 8);
  while (i < limit && sorted[i] === v) i++;
  if (i < limit || i === sorted.length || sorted[i] !== v) return i;
  let lo = i;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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

/** Median of the finite values (sorts a copy). */
export function median(values: Float64Array): number | null {
  const finite = values.filter((v) => Number.isFinite(v)).sort();
  if (finite.length === 0) return null;
  const mid = finite.length >> 1;
  return finite.length % 2 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
}

/** Median absolute deviation (unscaled): median(|x − median(x)|). */
export function medianAbsoluteDeviation(values: Float64Array): number | null {
  const m = median(values);
  if (m === null) return null;
  const deviations = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) deviations[i] = Math.abs(values[i] - m);
  return median(deviations);
}
