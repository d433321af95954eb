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
 */
export function quantizeRows(
  g: Float64Array,
  h: Float64Array,
  idx: Uint32Array,
  m: number,
  salt: number,
  pv: Float64Array,
  scales: Float64Array,
): [number, number] {
  let maxG = 0;
  let maxH = 0;
  for (let r = 0; r < m; r++) {
    const i = idx[r];
    const a = Math.abs(g[i]);
    if (a > maxG) maxG = a;
    if (h[i] > maxH) maxH = h[i];
  }
  const invG = maxG > 0 ? Q_LEVELS / maxG : 0;
  const invH = maxH > 0 ? Q_LEVELS / maxH : 0;
  scales[0] = maxG / Q_LEVELS;
  scales[1] = maxH / Q_LEVELS;
  let sg = 0;
  let sh = 0;
  for (let r = 0; r < m; r++) {
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
  return [sg * scales[0], sh * scales[1]];
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
  const rb = packed.bytes.subarray(o, o + packed.n * W);
  let first = true;
  for (let s = start; s < end || first; s += CHUNK) {
    const e = Math.min(end, s + CHUNK);
    scratch.fill(0, 0, W * SLOT);
    if (W === 16) kernelQ16(scratch, rb, idx, s, e, pv);
    else if (W === 8) kernelQ8(scratch, rb, idx, s, e, pv);
    else kernelQ4(scratch, rb, idx, s, e, pv);
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

/** Packed sums of one 16-feature group (16 bytes a row), straight-line for speed. */
function kernelQ16(
  acc: Float64Array,
  rb: Uint8Array,
  idx: Uint32Array,
  start: number,
  end: number,
  pv: Float64Array,
): void {
  for (let k = start; k < end; k++) {
    const i = idx[k];
    const v = pv[i];
    const r = i * 16;
    acc[rb[r]] += v;
    acc[256 + rb[r + 1]] += v;
    acc[512 + rb[r + 2]] += v;
    acc[768 + rb[r + 3]] += v;
    acc[1024 + rb[r + 4]] += v;
    acc[1280 + rb[r + 5]] += v;
    acc[1536 + rb[r + 6]] += v;
    acc[1792 + rb[r + 7]] += v;
    acc[2048 + rb[r + 8]] += v;
    acc[2304 + rb[r + 9]] += v;
    acc[2560 + rb[r + 10]] += v;
    acc[2816 + rb[r + 11]] += v;
    acc[3072 + rb[r + 12]] += v;
    acc[3328 + rb[r + 13]] += v;
    acc[3584 + rb[r + 14]] += v;
    acc[3840 + rb[r + 15]] += v;
  }
}

/** Packed sums of one 8-feature group (8 bytes a row). */
function kernelQ8(
  acc: Float64Array,
  rb: Uint8Array,
  idx: Uint32Array,
  start: number,
  end: number,
  pv: Float64Array,
): void {
  for (let k = start; k < end; k++) {
    const i = idx[k];
    const v = pv[i];
    const r = i * 8;
    acc[rb[r]] += v;
    acc[256 + rb[r + 1]] += v;
    acc[512 + rb[r + 2]] += v;
    acc[768 + rb[r + 3]] += v;
    acc[1024 + rb[r + 4]] += v;
    acc[1280 + rb[r + 5]] += v;
    acc[1536 + rb[r + 6]] += v;
    acc[1792 + rb[r + 7]] += v;
  }
}

/** Packed sums of one 4-feature group (4 bytes a row). */
function kernelQ4(
  acc: Float64Array,
  rb: Uint8Array,
  idx: Uint32Array,
  start: number,
  end: number,
  pv: Float64Array,
): void {
  for (let k = start; k < end; k++) {
    const i = idx[k];
    const v = pv[i];
    const r = i * 4;
    acc[rb[r]] += v;
    acc[256 + rb[r + 1]] += v;
    acc[512 + rb[r + 2]] += v;
    acc[768 + rb[r + 3]] += v;
  }
}
