/**
 * Per-row objective kernels shared by the main thread and the histogram worker.
 */

/** Factors of 1 + e^{−|z|} ≤ 2 multiplied before a log: 2^512 stays far inside the double range. */
const LOG_BLOCK = 512;

/**
 * Binary logloss summed over rows [start, end) of F and, in the same pass, the next
 * round's gradients g/h, sharing one exp per row: a = e^{−|z|} gives both
 * log(1 + e^{∓z}) and the sigmoid. `peaks` (when given) receives the largest |g| and h
 * of those rows, which quantised training would otherwise take in a pass of its own.
 */
export function binaryLossAndGradients(
  F: Float64Array,
  y: Float64Array,
  g: Float64Array,
  h: Float64Array,
  start: number,
  end: number,
  peaks?: Float64Array,
  peaksAt = 0,
): number {
  let s = 0;
  let maxG = 0;
  let maxH = 0;
  // Σ log(1 + a) as the log of products of LOG_BLOCK factors in (1, 2]: one log per block
  // instead of a log1p per row (that call was half the pass). A block's rounding is a few
  // hundred ulps of its own log, far below what the reported loss shows.
  let prod = 1;
  let block = 0;
  for (let i = start; i < end; i++) {
    const z = F[i];
    const a = Math.exp(z >= 0 ? -z : z);
    const yi = y[i];
    const m = yi === 1 ? -z : z;
    const d = 1 + a;
    if (m > 0) s += m;
    prod *= d;
    if (++block === LOG_BLOCK) {
      s += Math.log(prod);
      prod = 1;
      block = 0;
    }
    const p = z >= 0 ? 1 / d : a / d;
    const gi = p - yi;
    const hi = Math.max(p * (1 - p), 1e-16);
    g[i] = gi;
    h[i] = hi;
    const a2 = Math.abs(gi);
    if (a2 > maxG) maxG = a2;
    if (hi > maxH) maxH = hi;
  }
  if (peaks) {
    peaks[peaksAt] = maxG;
    peaks[peaksAt + 1] = maxH;
  }
  return s + Math.log(prod);
}
