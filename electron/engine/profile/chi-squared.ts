/**
 * The χ² distribution's upper tail, for the UNIFORM alert's goodness-of-fit p-value
 * (ydata-profiling uses scipy.stats.chisquare). Regularized incomplete gamma by series or
 * continued fraction (Numerical Recipes §6.2), accurate to ~1e-8 — far more than a
 * threshold test needs — with no dependency.
 */
import { logGamma } from '../../../shared/log-gamma';

/** Regularized upper incomplete gamma Q(a, x). */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const gln = logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - gln);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - gln) * h;
}

/** P(X ≥ statistic) for X ~ χ²(dof). */
export function chiSquaredPValue(statistic: number, dof: number): number {
  if (dof <= 0) return 1;
  return Math.min(1, Math.max(0, gammaQ(dof / 2, statistic / 2)));
}
