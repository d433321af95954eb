/**
 * Quantised-gradient histograms (LightGBM 4's use_quantized_grad, see docs/architecture.md
 * "Inside training"). Each row's gradient and hessian are rounded stochastically to small
 * integers (g ∈ [−31, 31], h ∈ [0, 31]) and packed with a row count of 1 into one double:
 * 1 + h·2^14 + (g + 31)·2^33. Summing packed doubles sums all three fields at once and
 * exactly (every field stays below its bit budget for up to CHUNK rows, and the total
 * below 2^53), so the inner loop does one read-modify-write per row and feature instead
 * of three. After each CHUNK rows the small packed histogram is unpacked into the usual
 * [G, H, count] layout, scaled back to gradient units. Counts stay exact; sums carry the
 * rounding noise, which is unbiased. Leaf values are recomputed from the exact gradients
 * once the tree is grown, so only the choice of splits sees the quantisation.
 */
import { inMemory, type WasmKernels } from './hist-wasm';
import { SLOT, type PackedBins } from './histogram';

/** Largest |g| and h after quantisation. */
export const Q_LEVELS = 31;
/** Rows per packed pass: keeps count < 2^14, Σh < 2^19, Σ(g + 31) < 2^20 (53 bits in all). */
export const CHUNK = 16_383;
const H_UNIT = 2 ** 14;
const G_UNIT = 2 ** 33;
const INV_H_UNIT = 2 ** -14;
const INV_G_SHIFT = 2 ** -19;
const G_SHIFT = 2 ** 19;

/** Per-thread packed histogram of one group (16 features × 256 bins at most). */
export function packedScratch(): Float64Array {
  return new Float64Array(16 * SLOT);
}

/** A 32-bit mix of a row and the tree's salt: the stochastic rounding noise, the same whoever computes it. */
function noise(i: number, salt: number): number {
  let x = Math.imul(i, 0x9e3779b1) ^ salt;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Quantises rows idx[0..m) of g/h into packed values `pv[i]`, with scales chosen from the
 * largest |g| and h over those rows; `scales` receives [gScale, hScale]. Returns the
 * quantised sums [ΣG, ΣH] in gradient units (the root's totals, consistent with its histogram).
 * The same as gradientPeaks over all rows, then quantizeRange with quantSteps.
 */
export function quantizeRows(
  g: Float64Array,
  h: Float64Array,
  idx: Uint32Array,
  m: number,
  salt: number,
  pv: Float64Array,
  scales: Float64Array,
  kernels?: WasmKernels | null,
): [number, number] {
  const peaks = new Float64Array(2);
  gradientPeaks(g, h, idx, 0, m, peaks, kernels);
  const [invG, invH] = quantSteps(peaks[0], peaks[1], scales);
  const sums = new Float64Array(2);
  quantizeRange(g, h, idx, 0, m, salt, invG, invH, pv, sums, kernels);
  return [sums[0] * scales[0], sums[1] * scales[1]];
}

/**
 * Largest |g| and h over rows idx[start..end), into `out[0]`, `out[1]` (order-free, so
 * any split of the rows agrees). With `kernels` (and the arrays in their memory), in
 * WebAssembly, as quantizeRange.
 */
export function gradientPeaks(
  g: Float64Array,
  h: Float64Array,
  idx: Uint32Array,
  start: number,
  end: number,
  out: Float64Array,
  kernels?: WasmKernels | null,
): void {
  const io = kernels?.io;
  if (kernels && io && inMemory(kernels, g, h, idx)) {
    kernels.peaks(g.byteOffset, h.byteOffset, idx.byteOffset, start, end, io.byteOffset);
    out[0] = io[0];
    out[1] = io[1];
    return;
  }
  let maxG = 0;
  let maxH = 0;
  for (let r = start; r < end; r++) {
    const i = idx[r];
    const a = Math.abs(g[i]);
    if (a > maxG) maxG = a;
    if (h[i] > maxH) maxH = h[i];
  }
  out[0] = maxG;
  out[1] = maxH;
}

/** Writes [gScale, hScale] for the peaks and returns the inverse steps [invG, invH]. */
export function quantSteps(maxG: number, maxH: number, scales: Float64Array): [number, number] {
  scales[0] = maxG / Q_LEVELS;
  scales[1] = maxH / Q_LEVELS;
  return [maxG > 0 ? Q_LEVELS / maxG : 0, maxH > 0 ? Q_LEVELS / maxH : 0];
}

/**
 * Packs rows idx[start..end) into `pv` and writes their integer sums [Σgq, Σhq] to
 * `sums`: exact integers, so halves done on two threads add up to the serial sums.
 */
export function quantizeRange(
  g: Float64Array,
  h: Float64Array,
  idx: Uint32Array,
  start: number,
  end: number,
  salt: number,
  invG: number,
  invH: number,
  pv: Float64Array,
  sums: Float64Array,
  kernels?: WasmKernels | null,
): void {
  const io = kernels?.io;
  if (kernels && io && inMemory(kernels, g, h, idx, pv)) {
    const [a, b, c, o] = [g.byteOffset, h.byteOffset, idx.byteOffset, pv.byteOffset];
    kernels.quantize(a, b, c, start, end, salt, invG, invH, o, io.byteOffset);
    sums[0] = io[0];
    sums[1] = io[1];
    return;
  }
  let sg = 0;
  let sh = 0;
  for (let r = start; r < end; r++) {
    const i = idx[r];
    const x = noise(i, salt);
    let gq = Math.floor(g[i] * invG + (x & 0xffff) * (1 / 65536));
    let hq = Math.floor(h[i] * invH + (x >>> 16) * (1 / 65536));
    gq = gq > Q_LEVELS ? Q_LEVELS : gq < -Q_LEVELS ? -Q_LEVELS : gq;
    hq = hq > Q_LEVELS ? Q_LEVELS : hq < 0 ? 0 : hq;
    pv[i] = 1 + hq * H_UNIT + (gq + Q_LEVELS) * G_UNIT;
    sg += gq;
    sh += hq;
  }
  sums[0] = sg;
  sums[1] = sh;
}

/**
 * [G, H, count] histogram of group q for rows idx[start..end) from packed values `pv`,
 * written over the group's slots of `hist` (no zeroing needed first). `scratch` is the
 * calling thread's own packed buffer. Row order fixes the result, whoever runs it.
 */
export function buildGroupHistogramQ(
  hist: Float64Array,
  packed: PackedBins,
  q: number,
  idx: Uint32Array,
  start: number,
  end: number,
  pv: Float64Array,
  scales: Float64Array,
  scratch: Float64Array,
): void {
  const gr = packed.groups[q];
  const W = gr.width;
  const hb = gr.first * SLOT * 3;
  const o = packed.byteOffset[q];
  const wasm = packed.kernels;
  if (wasm && inMemory(wasm, packed.bytes, idx, pv, scratch)) {
    const kernel = wasm.hist(W, packed.d - gr.first);
    const rows = packed.bytes.byteOffset + o;
    let first = true;
    for (let s = start; s < end || first; s += CHUNK) {
      const e = Math.min(end, s + CHUNK);
      scratch.fill(0, 0, W * SLOT);
      kernel(scratch.byteOffset, rows, idx.byteOffset, s, e, pv.byteOffset);
      unpack(hist, hb, scratch, W * SLOT, scales[0], scales[1], first);
      first = false;
    }
    return;
  }
  // The group's rows read as 32-bit words, four bins each, lowest byte first (little-endian,
  // as on every platform Node and Electron ship for): a quarter of the loads and bounds
  // checks, about 20% off the pass. Group offsets are multiples of n·4 bytes.
  const rw = new Uint32Array(packed.bytes.buffer, packed.bytes.byteOffset + o, (packed.n * W) >>> 2);
  let first = true;
  for (let s = start; s < end || first; s += CHUNK) {
    const e = Math.min(end, s + CHUNK);
    scratch.fill(0, 0, W * SLOT);
    if (W === 16) kernelQ16(scratch, rw, idx, s, e, pv);
    else if (W === 8) kernelQ8(scratch, rw, idx, s, e, pv);
    else kernelQ4(scratch, rw, idx, s, e, pv);
    unpack(hist, hb, scratch, W * SLOT, scales[0], scales[1], first);
    first = false;
  }
}

/** Adds (or, for the first chunk, writes) the packed sums as [G, H, count] triples. */
function unpack(
  hist: Float64Array,
  hb: number,
  scratch: Float64Array,
  len: number,
  gScale: number,
  hScale: number,
  first: boolean,
): void {
  for (let b = 0, j = hb; b < len; b++, j += 3) {
    const v = scratch[b];
    const hi = Math.floor(v * INV_H_UNIT);
    const c = v - hi * H_UNIT;
    const gq = Math.floor(hi * INV_G_SHIFT);
    const hq = hi - gq * G_SHIFT;
    const G = (gq - Q_LEVELS * c) * gScale;
    const H = hq * hScale;
    if (first) {
      hist[j] = G;
      hist[j + 1] = H;
      hist[j + 2] = c;
    } else {
      hist[j] += G;
      hist[j + 1] += H;
      hist[j + 2] += c;
    }
  }
}

/** Packed sums of one 16-feature group (four words a row), straight-line for speed. */
function kernelQ16(
  acc: Float64Array,
  rw: Uint32Array,
  idx: Uint32Array,
  start: number,
  end: number,
  pv: Float64Array,
): void {
  for (let k = start; k < end; k++) {
    const i = idx[k];
    const v = pv[i];
    const r = i * 4;
    let w = rw[r];
    acc[w & 255] += v;
    acc[256 + ((w >>> 8) & 255)] += v;
    acc[512 + ((w >>> 16) & 255)] += v;
    acc[768 + (w >>> 24)] += v;
    w = rw[r + 1];
    acc[1024 + (w & 255)] += v;
    acc[1280 + ((w >>> 8) & 255)] += v;
    acc[1536 + ((w >>> 16) & 255)] += v;
    acc[1792 + (w >>> 24)] += v;
    w = rw[r + 2];
    acc[2048 + (w & 255)] += v;
    acc[2304 + ((w >>> 8) & 255)] += v;
    acc[2560 + ((w >>> 16) & 255)] += v;
    acc[2816 + (w >>> 24)] += v;
    w = rw[r + 3];
    acc[3072 + (w & 255)] += v;
    acc[3328 + ((w >>> 8) & 255)] += v;
    acc[3584 + ((w >>> 16) & 255)] += v;
    acc[3840 + (w >>> 24)] += v;
  }
}

/** Packed sums of one 8-feature group (two words a row). */
function kernelQ8(
  acc: Float64Array,
  rw: Uint32Array,
  idx: Uint32Array,
  start: number,
  end: number,
  pv: Float64Array,
): void {
  for (let k = start; k < end; k++) {
    const i = idx[k];
    const v = pv[i];
    const r = i * 2;
    let w = rw[r];
    acc[w & 255] += v;
    acc[256 + ((w >>> 8) & 255)] += v;
    acc[512 + ((w >>> 16) & 255)] += v;
    acc[768 + (w >>> 24)] += v;
    w = rw[r + 1];
    acc[1024 + (w & 255)] += v;
    acc[1280 + ((w >>> 8) & 255)] += v;
    acc[1536 + ((w >>> 16) & 255)] += v;
    acc[1792 + (w >>> 24)] += v;
  }
}

/** Packed sums of one 4-feature group (one word a row). */
function kernelQ4(
  acc: Float64Array,
  rw: Uint32Array,
  idx: Uint32Array,
  start: number,
  end: number,
  pv: Float64Array,
): void {
  for (let k = start; k < end; k++) {
    const i = idx[k];
    const v = pv[i];
    const w = rw[i];
    acc[w & 255] += v;
    acc[256 + ((w >>> 8) & 255)] += v;
    acc[512 + ((w >>> 16) & 255)] += v;
    acc[768 + (w >>> 24)] += v;
  }
}
