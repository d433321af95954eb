/**
 * A split found on the histogram worker, handed back through shared memory: the worker
 * searches the second half of a leaf's features while the main thread searches the first
 * (grow-tree.ts), and the main thread keeps the worker's split only when its gain is
 * strictly higher, which is the choice one scan over all features in order makes. One
 * gradient channel (boosting) only.
 */
import type { Split, SplitParams } from './split';

/** Words of a shared split record: found, gain, feature, bin, defaultLeft, categorical, leftH, leftCount, leftG, 8 category words. */
export const SPLIT_WORDS = 17;

export function writeSplit(io: Float64Array, at: number, s: Split | null): void {
  io[at] = s ? 1 : 0;
  if (!s) return;
  io[at + 1] = s.gain;
  io[at + 2] = s.feature;
  io[at + 3] = s.bin;
  io[at + 4] = s.defaultLeft ? 1 : 0;
  io[at + 5] = s.categorical ? 1 : 0;
  io[at + 6] = s.leftH;
  io[at + 7] = s.leftCount;
  io[at + 8] = s.leftG[0];
  for (let w = 0; w < 8; w++) io[at + 9 + w] = s.catBits ? s.catBits[w] : 0;
}

export function readSplit(io: Float64Array, at: number): Split | null {
  if (io[at] !== 1) return null;
  const categorical = io[at + 5] === 1;
  return {
    gain: io[at + 1],
    feature: io[at + 2],
    bin: io[at + 3],
    defaultLeft: io[at + 4] === 1,
    categorical,
    catBits: categorical ? Uint32Array.from(io.subarray(at + 9, at + 17)) : null,
    leftG: Float64Array.of(io[at + 8]),
    leftH: io[at + 6],
    leftCount: io[at + 7],
  };
}

/** The split parameters alone (what the worker's SplitFinder needs; no per-row arrays). */
export function splitParams(o: SplitParams): SplitParams {
  const { lambda, alpha, minChildSamples, minChildWeight, minSplitGain, catSmooth } = o;
  const { catL2, minCatRows, minDataPerGroup, maxCatThreshold } = o;
  return {
    lambda,
    alpha,
    minChildSamples,
    minChildWeight,
    minSplitGain,
    catSmooth,
    catL2,
    minCatRows,
    minDataPerGroup,
    maxCatThreshold,
  };
}
