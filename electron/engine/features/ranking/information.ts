/**
 * Measures on a contingency table of two coded variables (a binned feature × the target's
 * classes or bins): mutual information and the entropy behind the gain ratio, the χ² test
 * of independence and Cramér's V. Natural logarithms throughout, so MI is in nats like
 * scikit-learn's `mutual_info_score`.
 */
import { chiSquaredPValue } from '../../profile/chi-squared';
import type { Binned } from './binning';

/** Counts of (x, y) code pairs, row-major: `counts[x * ky + y]`. */
export interface Contingency {
  counts: Float64Array;
  kx: number;
  ky: number;
  n: number;
}

export function contingency(x: Binned, y: Binned): Contingency {
  const counts = new Float64Array(x.count * y.count);
  const n = x.codes.length;
  for (let i = 0; i < n; i++) counts[x.codes[i]! * y.count + y.codes[i]!]!++;
  return { counts, kx: x.count, ky: y.count, n };
}

function marginals(t: Contingency): { rows: Float64Array; cols: Float64Array } {
  const rows = new Float64Array(t.kx);
  const cols = new Float64Array(t.ky);
  for (let a = 0; a < t.kx; a++) {
    for (let b = 0; b < t.ky; b++) {
      const c = t.counts[a * t.ky + b]!;
      rows[a]! += c;
      cols[b]! += c;
    }
  }
  return { rows, cols };
}

/** Σ p(x, y) ln(p(x, y) / (p(x) p(y))), never below 0. */
export function mutualInformation(t: Contingency): number {
  if (t.n === 0) return 0;
  const { rows, cols } = marginals(t);
  let mi = 0;
  for (let a = 0; a < t.kx; a++) {
    for (let b = 0; b < t.ky; b++) {
      const c = t.counts[a * t.ky + b]!;
      if (c > 0) mi += (c / t.n) * Math.log((c * t.n) / (rows[a]! * cols[b]!));
    }
  }
  return Math.max(0, mi);
}

/**
 * The Miller–Madow estimate of plug-in MI's upward bias, (r − 1)(c − 1) / 2n over the
 * non-empty rows and columns: without it a 16-bin noise column on 2,000 rows against a
 * 16-bin target scores about 0.056 nats, more than a weak but real three-level category.
 */
export function mutualInformationBias(t: Contingency): number {
  if (t.n === 0) return 0;
  const { rows, cols } = marginals(t);
  const r = rows.filter((v) => v > 0).length;
  const c = cols.filter((v) => v > 0).length;
  return ((r - 1) * (c - 1)) / (2 * t.n);
}

/** Entropy of the feature's codes (the split information of a split on every code). */
export function rowEntropy(t: Contingency): number {
  const { rows } = marginals(t);
  let h = 0;
  for (const r of rows) if (r > 0) h -= (r / t.n) * Math.log(r / t.n);
  return h;
}

/** Information gain (`gain`, by default the plug-in MI) over split information; 0 for one code. */
export function gainRatio(t: Contingency, gain = mutualInformation(t)): number {
  const split = rowEntropy(t);
  return split > 0 ? Math.max(0, Math.min(1, gain / split)) : 0;
}

export interface ChiSquare {
  statistic: number;
  dof: number;
  pValue: number | null;
  /** Cramér's V in 0..1; null when a side has a single non-empty code. */
  cramersV: number | null;
}

/** Pearson's χ² of independence over the non-empty rows and columns (no continuity correction). */
export function chiSquare(t: Contingency): ChiSquare {
  const { rows, cols } = marginals(t);
  const r = rows.filter((v) => v > 0).length;
  const c = cols.filter((v) => v > 0).length;
  let statistic = 0;
  for (let a = 0; a < t.kx; a++) {
    if (rows[a] === 0) continue;
    for (let b = 0; b < t.ky; b++) {
      if (cols[b] === 0) continue;
      const expected = (rows[a]! * cols[b]!) / t.n;
      const d = t.counts[a * t.ky + b]! - expected;
      statistic += (d * d) / expected;
    }
  }
  const dof = (r - 1) * (c - 1);
  const k = Math.min(r, c) - 1;
  return {
    statistic,
    dof,
    pValue: dof > 0 ? chiSquaredPValue(statistic, dof) : null,
    cramersV: k > 0 && t.n > 0 ? Math.min(1, Math.sqrt(statistic / (t.n * k))) : null,
  };
}
