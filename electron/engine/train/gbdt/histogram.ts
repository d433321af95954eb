/**
 * Gradient histograms, the inner loop of the tree learner. One Float64Array per leaf
 * holds, for every feature and bin, the interleaved sums [g_0..g_{K-1}, h, count]
 * (K = 1 for boosting, K = classes for a multi-output forest). Gradients of the leaf's
 * rows are gathered into contiguous "ordered" buffers first (LightGBM's trick) so the
 * scan over each feature column reads gradients sequentially.
 */
import type { BinMapper } from './binning';

export interface HistLayout {
  d: number;
  /** Gradient channels per bin. */
  K: number;
  /** Doubles per bin: K gradient sums, hessian sum, row count. */
  stride: number;
  /** First bin of feature f inside a histogram. */
  offset: Int32Array;
  /** Value bins of feature f (its missing bin is at `nBins[f]`). */
  nBins: Int32Array;
  categorical: Uint8Array;
  /** Length of one histogram in doubles. */
  size: number;
}

export function histLayout(mappers: BinMapper[], K: number): HistLayout {
  const d = mappers.length;
  const offset = new Int32Array(d);
  const nBins = new Int32Array(d);
  const categorical = new Uint8Array(d);
  let total = 0;
  for (let f = 0; f < d; f++) {
    offset[f] = total;
    nBins[f] = mappers[f].nBins;
    categorical[f] = mappers[f].categorical ? 1 : 0;
    total += mappers[f].nBins + 1;
  }
  const stride = K + 2;
  return { d, K, stride, offset, nBins, categorical, size: total * stride };
}

/**
 * Sums gradients of rows `idx[start..end)` into `hist` for the listed features.
 * `og`/`oh` hold those rows' gradients in the same order (ordered gradients);
 * when `identity` is true the rows are 0..n-1 and `og`/`oh` are the full arrays.
 */
export function buildHistogram(
  hist: Float64Array,
  layout: HistLayout,
  bins: Uint8Array,
  n: number,
  features: Int32Array,
  idx: Uint32Array,
  start: number,
  end: number,
  og: Float64Array,
  oh: Float64Array,
  identity: boolean,
): void {
  const K = layout.K;
  const stride = layout.stride;
  const m = end - start;
  for (let q = 0; q < features.length; q++) {
    const f = features[q];
    const hb = layout.offset[f] * stride;
    hist.fill(0, hb, hb + (layout.nBins[f] + 1) * stride);
    const col = bins.subarray(f * n, f * n + n);
    if (K === 1) {
      if (identity) {
        for (let i = 0; i < m; i++) {
          const j = hb + col[i] * 3;
          hist[j] += og[i];
          hist[j + 1] += oh[i];
          hist[j + 2] += 1;
        }
      } else {
        for (let k = 0; k < m; k++) {
          const j = hb + col[idx[start + k]] * 3;
          hist[j] += og[k];
          hist[j + 1] += oh[k];
          hist[j + 2] += 1;
        }
      }
    } else {
      for (let k = 0; k < m; k++) {
        const row = identity ? k : idx[start + k];
        const j = hb + col[row] * stride;
        const gk = k * K;
        for (let c = 0; c < K; c++) hist[j + c] += og[gk + c];
        hist[j + K] += oh[k];
        hist[j + K + 1] += 1;
      }
    }
  }
}

/** Copies the gradients of rows `idx[start..end)` into contiguous buffers. */
export function gatherGradients(
  g: Float64Array,
  h: Float64Array,
  K: number,
  idx: Uint32Array,
  start: number,
  end: number,
  og: Float64Array,
  oh: Float64Array,
): void {
  const m = end - start;
  if (K === 1) {
    for (let k = 0; k < m; k++) {
      const i = idx[start + k];
      og[k] = g[i];
      oh[k] = h[i];
    }
    return;
  }
  for (let k = 0; k < m; k++) {
    const i = idx[start + k];
    for (let c = 0; c < K; c++) og[k * K + c] = g[i * K + c];
    oh[k] = h[i];
  }
}

/** sibling = parent − child, written over the parent's buffer (histogram subtraction). */
export function subtractInto(
  parent: Float64Array,
  child: Float64Array,
  layout: HistLayout,
  features: Int32Array,
): void {
  const stride = layout.stride;
  for (let q = 0; q < features.length; q++) {
    const f = features[q];
    const a = layout.offset[f] * stride;
    const b = a + (layout.nBins[f] + 1) * stride;
    for (let j = a; j < b; j++) parent[j] -= child[j];
  }
}
