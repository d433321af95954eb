/**
 * Per-leaf passes over a grown tree's rows, shared by the main thread and the histogram
 * worker: the exact gradient totals of each leaf (quantised training recomputes leaf
 * values from them) and the score update F += leaf value. Both visit every training row
 * once a tree, so each thread takes whole leaves, about half the rows each; a leaf's sum
 * is always taken by one thread in row order, so the result does not depend on who ran it.
 *
 * Layout of the job buffer `buf` for a tree of L leaves: leaf l's rows are
 * idx[buf[2l] .. buf[2l+1]); from 2L on, the sums [ΣG_l, ΣH_l] (leafSums' output) or the
 * values v_l (addLeafScores' input).
 */
import { inMemory, type WasmKernels } from './hist-wasm';

/**
 * Exact [ΣG, ΣH] of leaves [from, to) into buf[2L + 2l], buf[2L + 2l + 1]; with `kernels`
 * (and the arrays in their memory), each leaf's sum in WebAssembly, the same adds in order.
 */
export function leafSums(
  g: Float64Array,
  h: Float64Array,
  idx: Uint32Array,
  buf: Float64Array,
  L: number,
  from: number,
  to: number,
  kernels?: WasmKernels | null,
): void {
  const io = kernels?.io;
  if (kernels && io && inMemory(kernels, g, h, idx)) {
    for (let l = from; l < to; l++) {
      kernels.sums(g.byteOffset, h.byteOffset, idx.byteOffset, buf[2 * l], buf[2 * l + 1], io.byteOffset);
      buf[2 * L + 2 * l] = io[0];
      buf[2 * L + 2 * l + 1] = io[1];
    }
    return;
  }
  for (let l = from; l < to; l++) {
    let G = 0;
    let H = 0;
    for (let r = buf[2 * l], end = buf[2 * l + 1]; r < end; r++) {
      const i = idx[r];
      G += g[i];
      H += h[i];
    }
    buf[2 * L + 2 * l] = G;
    buf[2 * L + 2 * l + 1] = H;
  }
}

/** F[i] += buf[2L + l] for the rows i of leaves [from, to) (one score per row). */
export function addLeafScores(
  F: Float64Array,
  idx: Uint32Array,
  buf: Float64Array,
  L: number,
  from: number,
  to: number,
): void {
  for (let l = from; l < to; l++) {
    const v = buf[2 * L + l];
    for (let r = buf[2 * l], end = buf[2 * l + 1]; r < end; r++) F[idx[r]] += v;
  }
}

/** The first leaf of the second thread's share: leaves [0, split) hold about half the rows. */
export function halfByRows(buf: Float64Array, L: number): number {
  let total = 0;
  for (let l = 0; l < L; l++) total += buf[2 * l + 1] - buf[2 * l];
  let acc = 0;
  for (let l = 0; l < L; l++) {
    acc += buf[2 * l + 1] - buf[2 * l];
    if (2 * acc >= total) return l + 1;
  }
  return L;
}
