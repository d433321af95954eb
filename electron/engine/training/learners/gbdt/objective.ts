/**
 * Per-row objective kernels shared by the main thread and the histogram worker.
 */

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
  for (let i = start; i < end; i++) {
    const z = F[i];
    const a = Math.exp(z >= 0 ? -z : z);
    const yi = y[i];
    const m = yi === 1 ? -z : z;
    s += m > 0 ? m + Math.log1p(a) : Math.log1p(a);
    const p = z >= 0 ? 1 / (1 + a) : a / (1 + a);
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
  return s;
}
