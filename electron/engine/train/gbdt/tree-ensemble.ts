/**
 * A fitted tree ensemble as stored in a model: the bin mappers (to turn raw values into
 * bins and to know each feature's missing bin), the flattened trees and how their summed
 * outputs become a prediction (boosting adds an initial score and applies a link;
 * forests average). Shared by gradient boosting, random forest and extra trees.
 */
import type { BinMapper } from './binning';
import { predictRaw, type FlatTrees } from './flat-trees';
import type { Task } from '../types';

export interface TreeEnsemble {
  mappers: BinMapper[];
  trees: FlatTrees;
  /** Output columns: 1 for binary (positive-class score) and regression, classes for multiclass. */
  nOut: number;
  /** Boosting's starting score per output; zeros for forests. */
  init: Float64Array;
  /** 'sum' adds tree outputs (boosting); 'mean' averages them (forests). */
  combine: 'sum' | 'mean';
  task: Task;
}

/** Raw ensemble output, n × nOut: margins for boosting, averaged leaf values for forests. */
export function ensembleScores(model: TreeEnsemble, X: Float64Array[], n: number): Float64Array {
  const out = new Float64Array(n * model.nOut);
  if (model.combine === 'sum') {
    for (let i = 0; i < n; i++) for (let k = 0; k < model.nOut; k++) out[i * model.nOut + k] = model.init[k];
  }
  const missing = Int32Array.from(model.mappers, (m) => m.nBins);
  const weight = model.combine === 'mean' ? 1 / Math.max(1, model.trees.nTrees) : 1;
  predictRaw(model.trees, X, missing, out, model.nOut, weight);
  return out;
}

/** Turns raw scores into probabilities (n × classes) or values. */
export function scoresToOutput(model: TreeEnsemble, scores: Float64Array, n: number): Float64Array {
  if (model.task === 'regression') return scores;
  if (model.task === 'binary') {
    const p = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      const s = scores[i];
      const p1 = model.combine === 'sum' ? 1 / (1 + Math.exp(-s)) : Math.min(1, Math.max(0, s));
      p[2 * i] = 1 - p1;
      p[2 * i + 1] = p1;
    }
    return p;
  }
  const K = model.nOut;
  const p = new Float64Array(n * K);
  for (let i = 0; i < n; i++) {
    if (model.combine === 'sum') softmaxRow(scores, i * K, K, p);
    else {
      let s = 0;
      for (let k = 0; k < K; k++) s += Math.max(0, scores[i * K + k]);
      for (let k = 0; k < K; k++) p[i * K + k] = s > 0 ? Math.max(0, scores[i * K + k]) / s : 1 / K;
    }
  }
  return p;
}

export function softmaxRow(scores: Float64Array, o: number, K: number, out: Float64Array): void {
  let max = -Infinity;
  for (let k = 0; k < K; k++) if (scores[o + k] > max) max = scores[o + k];
  let s = 0;
  for (let k = 0; k < K; k++) {
    const e = Math.exp(scores[o + k] - max);
    out[o + k] = e;
    s += e;
  }
  for (let k = 0; k < K; k++) out[o + k] /= s;
}

/** Total split gain and split count per feature. */
export function treeImportance(trees: FlatTrees, d: number): { gain: Float64Array; split: Float64Array } {
  const gain = new Float64Array(d);
  const split = new Float64Array(d);
  for (let j = 0; j < trees.feature.length; j++) {
    gain[trees.feature[j]] += trees.gain[j];
    split[trees.feature[j]] += 1;
  }
  return { gain, split };
}
