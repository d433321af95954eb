/**
 * Gradient histograms, the inner loop of the tree learner. One Float64Array per leaf
 * holds, for every feature and bin, the interleaved sums [g_0..g_{K-1}, h, count]
 * (K = 1 for boosting, K = classes for a multi-output forest). Gradients of the leaf's
 * rows are gathered into contiguous "ordered" buffers first (LightGBM's trick) so the
 * scan over each feature column reads gradients sequentially.
 */
import type { BinMapper, BinnedMatrix } from './binning';
import { inMemory, type WasmKernels } from './hist-wasm';

/**
 * Bins per feature slot in the single-channel (K = 1) layout: every feature gets a
 * full 256-bin slot so the row kernels below address bins with constant offsets.
 */
export const SLOT = 256;
const SLOT3 = SLOT * 3;

/** A run of consecutive features whose bins are stored row-major together (`width` bytes a row). */
export interface HistGroup {
  first: number;
  width: 16 | 8 | 4;
}

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
  /** K = 1 only: feature groups for the row-major kernels (padding lanes land past feature d−1). */
  groups: HistGroup[];
}

export function histLayout(mappers: BinMapper[], K: number): HistLayout {
  const d = mappers.length;
  const offset = new Int32Array(d);
  const nBins = new Int32Array(d);
  const categorical = new Uint8Array(d);
  const groups = K === 1 ? planGroups(d) : [];
  let total = 0;
  for (let f = 0; f < d; f++) {
    offset[f] = K === 1 ? f * SLOT : total;
    nBins[f] = mappers[f].nBins;
    categorical[f] = mappers[f].categorical ? 1 : 0;
    total += mappers[f].nBins + 1;
  }
  if (K === 1) total = groups.reduce((s, gr) => s + gr.width, 0) * SLOT;
  const stride = K + 2;
  return { d, K, stride, offset, nBins, categorical, size: total * stride, groups };
}

/** Groups of 16 features, the remainder in one group of 16, 8 or 4 (padded). */
export function planGroups(d: number): HistGroup[] {
  const groups: HistGroup[] = [];
  let f = 0;
  while (d - f > 8) {
    groups.push({ first: f, width: 16 });
    f += 16;
  }
  if (d - f > 4) groups.push({ first: f, width: 8 });
  else if (d - f > 0) groups.push({ first: f, width: 4 });
  return groups;
}

/**
 * Bins regrouped for the histogram kernels: group q's rows are `width` consecutive bytes
 * at `byteOffset[q] + i*width`, so one row's features share a cache line. Padding lanes
 * hold bin 0 of a feature that does not exist. `bytes` may live on a SharedArrayBuffer.
 */
export interface PackedBins {
  n: number;
  /** Features: lanes from d on are padding. */
  d: number;
  groups: HistGroup[];
  byteOffset: Int32Array;
  bytes: Uint8Array;
  /**
   * Per lane (feature, then padding), one past the highest bin any row has: a histogram
   * pass only writes bins below it, so only those need zeroing first (digits' features
   * have ≤ 17 of the 256 slots, and zeroing all 256 cost more than the pass on small
   * nodes). Bins above it stay zero in every histogram, so readers may scan them.
   */
  laneTop: Int32Array;
  /** This thread's WebAssembly kernels when `bytes` lies in their memory (hist-wasm.ts). */
  kernels?: WasmKernels | null;
}

/** Bytes packBins needs for `groups` over n rows. */
export function packedSize(n: number, groups: HistGroup[]): number {
  return groups.reduce((s, gr) => s + n * gr.width, 0);
}

/** `into`: where the bytes go (packedSize long), e.g. a WebAssembly arena; else a new (shared) buffer. */
export function packBins(
  data: BinnedMatrix,
  groups: HistGroup[],
  shared: boolean,
  into?: Uint8Array,
): PackedBins {
  const { n, d, bins } = data;
  const byteOffset = new Int32Array(groups.length);
  let total = 0;
  groups.forEach((gr, q) => {
    byteOffset[q] = total;
    total += n * gr.width;
  });
  const bytes = into ?? new Uint8Array(shared ? new SharedArrayBuffer(total) : new ArrayBuffer(total));
  const laneTop = new Int32Array(groups.reduce((s, gr) => s + gr.width, 0)).fill(1);
  groups.forEach((gr, q) => {
    const W = gr.width;
    for (let lane = 0; lane < W && gr.first + lane < d; lane++) {
      const f = gr.first + lane;
      const col = bins.subarray(f * n, f * n + n);
      let o = byteOffset[q] + lane;
      let top = 0;
      for (let i = 0; i < n; i++, o += W) {
        const b = col[i];
        bytes[o] = b;
        if (b > top) top = b;
      }
      laneTop[gr.first + lane] = top + 1;
    }
  });
  return { n, d, groups, byteOffset, bytes, laneTop };
}

/**
 * K = 1 histogram of group q for rows idx[start..end) (gradients g, hessians h indexed
 * by row). Zeroes the group's slots first. Each feature's sums are accumulated in row
 * order by one call, so who runs it (main thread or worker) never changes the result.
 */
export function buildGroupHistogram(
  hist: Float64Array,
  packed: PackedBins,
  q: number,
  idx: Uint32Array,
  start: number,
  end: number,
  g: Float64Array,
  h: Float64Array,
): void {
  const gr = packed.groups[q];
  const hb = gr.first * SLOT3;
  for (let lane = 0; lane < gr.width; lane++) {
    const a = hb + lane * SLOT3;
    hist.fill(0, a, a + packed.laneTop[gr.first + lane] * 3);
  }
  const o = packed.byteOffset[q];
  const rb = packed.bytes.subarray(o, o + packed.n * gr.width);
  if (gr.width === 16) kernel16(hist, hb, rb, idx, start, end, g, h);
  else if (gr.width === 8) kernel8(hist, hb, rb, idx, start, end, g, h);
  else kernel4(hist, hb, rb, idx, start, end, g, h);
}

/**
 * Stable partition step on packed bins: rows idx[start..end) whose bin (byte `off + i*W`)
 * has goLeft[bin] = 1 are compacted in place from `start`, the others copied in order to
 * scratch[start..]. Branch-free. Returns how many went left. With `kernels` and
 * column-major bins in their memory, the WebAssembly version does the same.
 */
export function partitionRows(
  idx: Uint32Array,
  scratch: Uint32Array,
  start: number,
  end: number,
  bytes: Uint8Array,
  off: number,
  W: number,
  goLeft: Uint8Array,
  kernels?: WasmKernels | null,
): number {
  if (kernels && W === 1 && inMemory(kernels, idx, scratch, bytes, goLeft))
    return kernels.partition(
      idx.byteOffset,
      scratch.byteOffset,
      start,
      end,
      bytes.byteOffset + off,
      goLeft.byteOffset,
    );
  let nl = start;
  let nr = start;
  for (let k = start; k < end; k++) {
    const i = idx[k];
    const l = goLeft[bytes[off + i * W]];
    idx[nl] = i;
    scratch[nr] = i;
    nl += l;
    nr += 1 - l;
  }
  return nl - start;
}

/** K = 1 histogram of one 16-feature group (row-major bins, 16 bytes a row), straight-line for speed. */
function kernel16(
  hist: Float64Array,
  hb: number,
  rb: Uint8Array,
  idx: Uint32Array,
  start: number,
  end: number,
  g: Float64Array,
  h: Float64Array,
): void {
  for (let k = start; k < end; k++) {
    const i = idx[k];
    const gg = g[i];
    const hh = h[i];
    const r = i * 16;
    let j = hb + rb[r] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 768 + rb[r + 1] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 1536 + rb[r + 2] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 2304 + rb[r + 3] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 3072 + rb[r + 4] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 3840 + rb[r + 5] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 4608 + rb[r + 6] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 5376 + rb[r + 7] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 6144 + rb[r + 8] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 6912 + rb[r + 9] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 7680 + rb[r + 10] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 8448 + rb[r + 11] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 9216 + rb[r + 12] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 9984 + rb[r + 13] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 10752 + rb[r + 14] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 11520 + rb[r + 15] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
  }
}

/** K = 1 histogram of one 8-feature group (row-major bins, 8 bytes a row), straight-line for speed. */
function kernel8(
  hist: Float64Array,
  hb: number,
  rb: Uint8Array,
  idx: Uint32Array,
  start: number,
  end: number,
  g: Float64Array,
  h: Float64Array,
): void {
  for (let k = start; k < end; k++) {
    const i = idx[k];
    const gg = g[i];
    const hh = h[i];
    const r = i * 8;
    let j = hb + rb[r] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 768 + rb[r + 1] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 1536 + rb[r + 2] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 2304 + rb[r + 3] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 3072 + rb[r + 4] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 3840 + rb[r + 5] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 4608 + rb[r + 6] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 5376 + rb[r + 7] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
  }
}

/** K = 1 histogram of one 4-feature group (row-major bins, 4 bytes a row), straight-line for speed. */
function kernel4(
  hist: Float64Array,
  hb: number,
  rb: Uint8Array,
  idx: Uint32Array,
  start: number,
  end: number,
  g: Float64Array,
  h: Float64Array,
): void {
  for (let k = start; k < end; k++) {
    const i = idx[k];
    const gg = g[i];
    const hh = h[i];
    const r = i * 4;
    let j = hb + rb[r] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 768 + rb[r + 1] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 1536 + rb[r + 2] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
    j = hb + 2304 + rb[r + 3] * 3;
    hist[j] += gg;
    hist[j + 1] += hh;
    hist[j + 2] += 1;
  }
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

/**
 * buildHistogram for one-hot gradients (a forest on classes): row i's only gradient is
 * g[i·K + cls[i]], so each row adds one channel instead of K. `og`, `oh` and `oc` hold the
 * gradient, hessian and class of rows idx[start..end) in order (gatherOneHot); the sums
 * are those buildHistogram makes, in the same order.
 */
export function buildOneHotHistogram(
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
  oc: Int32Array,
): void {
  const K = layout.K;
  const stride = layout.stride;
  const m = end - start;
  for (let q = 0; q < features.length; q++) {
    const f = features[q];
    const hb = layout.offset[f] * stride;
    hist.fill(0, hb, hb + (layout.nBins[f] + 1) * stride);
    const col = bins.subarray(f * n, f * n + n);
    for (let k = 0; k < m; k++) {
      const j = hb + col[idx[start + k]] * stride;
      hist[j + oc[k]] += og[k];
      hist[j + K] += oh[k];
      hist[j + K + 1] += 1;
    }
  }
}

/** Gradient, hessian and class of rows idx[start..end), contiguous (see buildOneHotHistogram). */
export function gatherOneHot(
  g: Float64Array,
  h: Float64Array,
  K: number,
  cls: Int32Array,
  idx: Uint32Array,
  start: number,
  end: number,
  og: Float64Array,
  oh: Float64Array,
  oc: Int32Array,
): void {
  for (let k = 0, r = start; r < end; k++, r++) {
    const i = idx[r];
    const c = cls[i];
    oc[k] = c;
    og[k] = g[i * K + c];
    oh[k] = h[i];
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
