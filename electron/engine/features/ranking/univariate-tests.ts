/**
 * The univariate tests from sums, so DuckDB can compute the sums over every row in one
 * pass and JavaScript only finishes the arithmetic: one-way ANOVA F (and the correlation
 * ratio η, and the point-biserial r of a two-class target) from per-group count, sum and
 * sum of squares; Pearson r and F-regression (scikit-learn's `f_regression`) from the
 * five sums of a pair. Sums arrive centred on a constant, which keeps them precise.
 */
import { fPValue } from './f-distribution';

/** One group's count, Σ(x − c) and Σ(x − c)², for the same centre c across groups. */
export interface GroupMoments {
  n: number;
  sum: number;
  sumSquares: number;
}

export interface AnovaResult {
  /** F; null when undefined (one group, no spread) or infinite (groups without spread inside). */
  statistic: number | null;
  pValue: number | null;
  /** Correlation ratio √(SS_between / SS_total); null without spread. */
  eta: number | null;
  /** With exactly two groups, Pearson r of x with the indicator of the second group. */
  pointBiserial: number | null;
}

export function anova(groups: readonly GroupMoments[]): AnovaResult {
  const present = groups.filter((g) => g.n > 0);
  const n = present.reduce((s, g) => s + g.n, 0);
  const total = present.reduce((s, g) => s + g.sum, 0);
  const squares = present.reduce((s, g) => s + g.sumSquares, 0);
  const k = present.length;
  const ssTotal = Math.max(0, squares - (total * total) / n);
  const ssBetween = Math.max(0, present.reduce((s, g) => s + (g.sum * g.sum) / g.n, 0) - (total * total) / n);
  const ssWithin = Math.max(0, ssTotal - ssBetween);
  const spread = ssTotal > 1e-12 * Math.max(1, squares);
  const eta = spread ? Math.min(1, Math.sqrt(ssBetween / ssTotal)) : null;
  const pointBiserial = groups.length === 2 && spread ? biserial(groups, n, ssTotal) : null;
  if (k < 2 || n <= k || !spread) return { statistic: null, pValue: null, eta, pointBiserial };
  if (ssWithin <= 1e-12 * ssTotal) return { statistic: null, pValue: 0, eta, pointBiserial };
  const statistic = ssBetween / (k - 1) / (ssWithin / (n - k));
  return { statistic, pValue: fPValue(statistic, k - 1, n - k), eta, pointBiserial };
}

function biserial(groups: readonly GroupMoments[], n: number, ssTotal: number): number | null {
  const [g0, g1] = groups as [GroupMoments, GroupMoments];
  if (g0.n === 0 || g1.n === 0) return null;
  const diff = g1.sum / g1.n - g0.sum / g0.n;
  return Math.max(-1, Math.min(1, (diff * Math.sqrt(g0.n * g1.n)) / (n * Math.sqrt(ssTotal / n))));
}

/** Sums over the rows where both x and y are present, each centred on its own constant. */
export interface PairSums {
  n: number;
  sx: number;
  sxx: number;
  sy: number;
  syy: number;
  sxy: number;
}

export interface RegressionTest {
  r: number | null;
  statistic: number | null;
  pValue: number | null;
}

/** Pearson r and the F-regression test of x against a numeric target (dof 1 and n − 2). */
export function fRegression(s: PairSums): RegressionTest {
  const vx = s.n * s.sxx - s.sx * s.sx;
  const vy = s.n * s.syy - s.sy * s.sy;
  if (s.n < 3 || !(vx > 1e-12 * Math.max(1, s.n * s.sxx)) || !(vy > 1e-12 * Math.max(1, s.n * s.syy))) {
    return { r: null, statistic: null, pValue: null };
  }
  const r = Math.max(-1, Math.min(1, (s.n * s.sxy - s.sx * s.sy) / Math.sqrt(vx * vy)));
  if (1 - r * r <= 1e-15) return { r, statistic: null, pValue: 0 };
  const statistic = ((r * r) / (1 - r * r)) * (s.n - 2);
  return { r, statistic, pValue: fPValue(statistic, 1, s.n - 2) };
}
