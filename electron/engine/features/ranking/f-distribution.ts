/**
 * The F distribution's upper tail, for the p-values of ANOVA F and F-regression. It is the
 * regularized incomplete beta function I_x(a, b), evaluated by Lentz's continued fraction
 * (Numerical Recipes §6.4, accurate to ~1e-14): a few dozen lines, so no dependency. The
 * χ² tail comes from the profiler's incomplete gamma (docs/architecture.md).
 */
import { logGamma } from '../../../../shared/log-gamma';

const EPS = 1e-15;
const TINY = 1e-300;

/** Continued fraction for I_x(a, b), valid where x < (a + 1) / (a + b + 2). */
function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(a, b, x)) / a;
  return 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(X ≥ f) for X ~ F(d1, d2); null when the degrees of freedom leave it undefined. */
export function fPValue(f: number, d1: number, d2: number): number | null {
  if (!(d1 > 0) || !(d2 > 0) || Number.isNaN(f)) return null;
  if (f === Infinity) return 0;
  if (f <= 0) return 1;
  return Math.min(1, Math.max(0, incompleteBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2)));
}
