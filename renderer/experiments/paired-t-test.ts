/**
 * Is one run really better than another? For two runs cross-validated on the same folds,
 * the Nadeau–Bengio corrected resampled t-test: the plain paired t-test over folds is
 * overconfident because the folds' training sets overlap, so the variance is inflated by
 * (1/k + n_test/n_train) = 1/k + 1/(k − 1). Written here because no maintained browser
 * library offers it; the Student-t tail comes from the regularised incomplete beta.
 */

import { logGamma } from '../../shared/log-gamma';

export interface PairedTest {
  meanDifference: number;
  t: number;
  degreesOfFreedom: number;
  /** Two-sided p-value. */
  pValue: number;
  folds: number;
}

export function correctedPairedTTest(a: number[], b: number[]): PairedTest | null {
  const k = Math.min(a.length, b.length);
  if (k < 2) return null;
  const d = a.slice(0, k).map((x, i) => x - b[i]!);
  const mean = d.reduce((s, x) => s + x, 0) / k;
  const variance = d.reduce((s, x) => s + (x - mean) ** 2, 0) / (k - 1);
  const corrected = variance * (1 / k + 1 / (k - 1));
  if (corrected === 0)
    return {
      meanDifference: mean,
      t: mean === 0 ? 0 : Infinity,
      degreesOfFreedom: k - 1,
      pValue: mean === 0 ? 1 : 0,
      folds: k,
    };
  const t = mean / Math.sqrt(corrected);
  const df = k - 1;
  return { meanDifference: mean, t, degreesOfFreedom: df, pValue: studentTwoSided(t, df), folds: k };
}

/** P(|T| > |t|) for Student's t with df degrees of freedom. */
export function studentTwoSided(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0;
  return regularisedBeta(df / (df + t * t), df / 2, 0.5);
}

function regularisedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The continued fraction converges fast on one side of the mean; use symmetry on the other.
  return x < (a + 1) / (a + b + 2)
    ? (front * betaFraction(x, a, b)) / a
    : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 200; m += 1) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    c = 1 + aa / c;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = Math.abs(c) < tiny ? tiny : c;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    c = 1 + aa / c;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = Math.abs(c) < tiny ? tiny : c;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-12) break;
  }
  return h;
}
