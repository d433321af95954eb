/**
 * Moments from shifted power sums. One SQL pass returns Σd, Σd², Σd³, Σd⁴ with
 * d = x − shift (shift ≈ the mean, from a peek at the first rows), which is cheaper than
 * DuckDB's separate avg/stddev/skewness/kurtosis aggregates and, unlike DuckDB's
 * skewness/kurtosis (raw, unshifted power sums), stays accurate for data far from zero.
 * The formulas are pandas': sample variance (n − 1), G1 skewness, G2 excess kurtosis.
 */

export interface PowerSums {
  n: number;
  shift: number;
  s1: number;
  s2: number;
  s3: number;
  s4: number;
}

export interface Moments {
  mean: number | null;
  variance: number | null;
  std: number | null;
  skewness: number | null;
  kurtosis: number | null;
}

export function momentsFromPowerSums({ n, shift, s1, s2, s3, s4 }: PowerSums): Moments {
  if (n <= 0) return { mean: null, variance: null, std: null, skewness: null, kurtosis: null };
  const a = s1 / n;
  const r2 = s2 / n;
  const r3 = s3 / n;
  const r4 = s4 / n;
  const mean = shift + a;
  // Central moments about the mean (population, /n).
  let m2 = r2 - a * a;
  const m3 = r3 - 3 * a * r2 + 2 * a ** 3;
  const m4 = r4 - 4 * a * r3 + 6 * a * a * r2 - 3 * a ** 4;
  // Cancellation can leave a tiny negative (or tiny positive) m2 for a constant column.
  const scale = Math.max(r2, a * a, Number.MIN_VALUE);
  if (m2 <= scale * 1e-14) m2 = 0;
  const variance = n > 1 ? (m2 * n) / (n - 1) : null;
  const std = variance === null ? null : Math.sqrt(variance);
  let skewness: number | null = null;
  if (n >= 3) {
    skewness = m2 === 0 ? 0 : ((Math.sqrt(n * (n - 1)) / (n - 2)) * m3) / m2 ** 1.5;
  }
  let kurtosis: number | null = null;
  if (n >= 4) {
    kurtosis =
      m2 === 0
        ? 0
        : (((n + 1) * (n - 1)) / ((n - 2) * (n - 3))) * (m4 / (m2 * m2)) -
          (3 * (n - 1) ** 2) / ((n - 2) * (n - 3));
  }
  return { mean, variance, std, skewness, kurtosis };
}
