/**
 * Histogram gradient boosting (LightGBM-style): second-order trees grown leaf-wise on
 * binned features, shrunk by the learning rate, with row bagging and per-tree column
 * sampling, and early stopping on a validation set. Objectives: binary logloss,
 * multiclass softmax (one tree per class per round) and L2 regression.
 */
import { ApiError } from '../../../../../shared/errors';
import { Rng } from '../random';
import type { FeatureInfo } from '../../preprocess/pipeline';
import type { FitHistory, ProgressHooks, Task, TrainParams } from '../../types';
import { binMatrix, fitBinMappers } from './binning';
import { addGrownTree, FlatTreesBuilder } from './flat-trees';
import { TreeGrower } from './grow-tree';
import { sharedFloat64 } from './hist-threads';
import { histLayout } from './histogram';
import { BINNING, GRADIENTS, lap, PREDICTION, PREPARE, resetPhases, tick } from './phase-clock';
import { CATEGORY_SPLITS } from './split';
import { prepareEnsemble, softmaxRow, startPredictThread, type TreeEnsemble } from './tree-ensemble';

export interface BoostingInput {
  X: Float64Array[];
  features: FeatureInfo[];
  /** Class index or value per row. */
  y: Float64Array;
  task: Task;
  nClasses: number;
  valid?: { X: Float64Array[]; y: Float64Array };
}

export const GBDT_DEFAULTS = {
  n_estimators: 100,
  learning_rate: 0.1,
  max_leaves: 31,
  max_depth: 0,
  min_child_samples: 20,
  min_child_weight: 1e-3,
  reg_alpha: 0,
  reg_lambda: 0, // see shared/training-catalogue.ts
  subsample: 1,
  colsample_bytree: 1,
  max_bins: 255,
  early_stopping_rounds: 0,
  seed: 42,
} satisfies TrainParams;

const PROGRESS_MS = 250;
/**
 * From this many training rows on, histograms sum quantised gradients (see quantized.ts):
 * the split noise it adds is negligible at this size and the histogram pass is the fit.
 * ASSAY_GBDT_QUANT=0 turns it off, for comparisons.
 */
export const QUANTIZED_MIN_ROWS = 50_000;

export function fitBoosting(
  input: BoostingInput,
  params: TrainParams,
  hooks: ProgressHooks = {},
): { model: TreeEnsemble; history: FitHistory } {
  const p = { ...GBDT_DEFAULTS, ...definedOnly(params) };
  const { X, y, task } = input;
  const n = y.length;
  const d = X.length;
  if (n === 0)
    throw new ApiError(
      'INVALID_INPUT',
      'There are no training rows left to fit on; check the filters and the validation split.',
    );
  if (d === 0)
    throw new ApiError(
      'INVALID_INPUT',
      'No feature columns were given to train on; select at least one column besides the target.',
    );
  resetPhases();
  const rng = new Rng(p.seed);
  startPredictThread(X.length ? X[0].length : 0);
  const mappers = fitBinMappers(X, input.features, p.max_bins, rng.fork());
  const data = binMatrix(X, mappers, true);
  const valid = input.valid ? { data: binMatrix(input.valid.X, mappers), y: input.valid.y } : null;
  const nOut = task === 'multiclass' ? input.nClasses : 1;
  const layout = histLayout(mappers, 1);
  const missingBin = Int32Array.from(mappers, (m) => m.nBins);
  const grower = new TreeGrower(data, mappers, layout, {
    lambda: p.reg_lambda,
    alpha: p.reg_alpha,
    minChildSamples: p.min_child_samples,
    minChildWeight: p.min_child_weight,
    minSplitGain: 0,
    ...CATEGORY_SPLITS,
    maxLeaves: p.max_leaves,
    maxDepth: p.max_depth,
    featuresPerSplit: 0,
    extraTrees: false,
    quantized: n >= QUANTIZED_MIN_ROWS && process.env.ASSAY_GBDT_QUANT !== '0',
  });
  lap(BINNING);

  const init = initialScores(y, task, nOut);
  // Scores and labels on shared memory: the binary loss/gradient pass is split with the worker.
  const F = sharedFloat64(n * nOut);
  const yShared = task === 'binary' ? sharedFloat64(n) : null;
  if (yShared) yShared.set(y);
  for (let i = 0; i < n; i++) for (let k = 0; k < nOut; k++) F[i * nOut + k] = init[k];
  const Fv = valid ? new Float64Array(valid.y.length * nOut) : null;
  if (Fv) for (let i = 0; i < Fv.length; i++) Fv[i] = init[i % nOut];

  // The grower's own buffers: shared with its histogram worker, so nothing is copied per tree.
  const { g, h, idx } = grower.rows;
  const P = nOut > 1 ? new Float64Array(n * nOut) : null;
  const builder = new FlatTreesBuilder(1);
  const history: FitHistory = { iterations: 0, trainLoss: [], validLoss: [] };
  const nSample = p.subsample < 1 ? Math.max(1, Math.floor(n * p.subsample)) : n;
  const nCols = Math.max(1, Math.round(d * Math.min(1, p.colsample_bytree)));
  const allFeatures = Int32Array.from({ length: d }, (_, f) => f);
  let best = { loss: Infinity, round: 0 };
  let lastReport = 0;
  try {
    for (let round = 0; round < p.n_estimators; round++) {
      if (hooks.isCancelled?.()) throw new ApiError('CANCELLED', 'Training was cancelled.');
      const roundRng = rng.fork();
      const sample = nSample < n ? roundRng.sample(n, nSample) : null;
      const outOfBag = sample ? complement(sample, n) : null;
      tick();
      if (P) for (let i = 0; i < n; i++) softmaxRow(F, i * nOut, nOut, P);
      for (let k = 0; k < nOut; k++) {
        // Binary: the previous round's loss pass already left this round's gradients in g/h.
        if (task !== 'binary' || round === 0) gradients(task, F, P, y, k, nOut, g, h);
        lap(GRADIENTS);
        if (sample) idx.set(sample);
        else for (let i = 0; i < n; i++) idx[i] = i;
        const features = nCols < d ? Int32Array.from(roundRng.sample(d, nCols)) : allFeatures;
        const { tree, ranges } = grower.grow(g, h, idx, nSample, sample === null, features, roundRng);

        tick();
        const lr = p.learning_rate;
        if (nOut === 1 && yShared)
          grower.addToScores(
            F,
            yShared,
            ranges,
            tree.leafValue.map((v) => v * lr),
          );
        else
          for (let l = 0; l < tree.nLeaves; l++) {
            const v = tree.leafValue[l] * lr;
            for (let r = ranges[2 * l]; r < ranges[2 * l + 1]; r++) F[idx[r] * nOut + k] += v;
          }
        builder.add(tree, k, lr);
        if (outOfBag) addGrownTree(tree, data, missingBin, outOfBag, F, nOut, k, lr);
        if (valid && Fv) addGrownTree(tree, valid.data, missingBin, null, Fv, nOut, k, lr);
        lap(PREDICTION);
      }
      history.iterations = round + 1;
      history.trainLoss.push(
        task === 'binary'
          ? grower.binaryLossAndGradients(F, yShared as Float64Array)
          : lossOf(task, F, y, nOut),
      );
      lap(GRADIENTS);
      if (valid && Fv) {
        const vl = lossOf(task, Fv, valid.y, nOut);
        history.validLoss.push(vl);
        if (vl < best.loss - 1e-12) best = { loss: vl, round: round + 1 };
        else if (p.early_stopping_rounds > 0 && round + 1 - best.round >= p.early_stopping_rounds) break;
      }
      const now = Date.now();
      if (hooks.onProgress && (now - lastReport >= PROGRESS_MS || round + 1 === p.n_estimators)) {
        lastReport = now;
        hooks.onProgress({
          stage: 'Boosting',
          iteration: round + 1,
          total: p.n_estimators,
          trainLoss: history.trainLoss[round],
          validLoss: history.validLoss[round],
        });
      }
    }
  } finally {
    grower.close();
  }
  if (valid && p.early_stopping_rounds > 0 && best.round > 0) {
    history.bestIteration = best.round;
    builder.truncate(best.round * nOut);
  }
  tick();
  const model: TreeEnsemble = { mappers, trees: builder.build(), nOut, init, combine: 'sum', task };
  prepareEnsemble(model, X.length ? X[0].length : 0);
  lap(PREPARE);
  return { model, history };
}

function definedOnly(params: TrainParams): TrainParams {
  return Object.fromEntries(
    Object.entries(params).filter(([, v]) => v !== undefined && v !== null),
  ) as TrainParams;
}

function initialScores(y: Float64Array, task: Task, nOut: number): Float64Array {
  const init = new Float64Array(nOut);
  const n = y.length;
  if (task === 'regression') {
    let s = 0;
    for (let i = 0; i < n; i++) s += y[i];
    init[0] = s / n;
  } else if (task === 'binary') {
    let pos = 0;
    for (let i = 0; i < n; i++) pos += y[i];
    const p = Math.min(1 - 1e-15, Math.max(1e-15, pos / n));
    init[0] = Math.log(p / (1 - p));
  } else {
    const counts = new Float64Array(nOut);
    for (let i = 0; i < n; i++) counts[y[i]]++;
    for (let k = 0; k < nOut; k++) init[k] = Math.log(Math.max(counts[k], 1) / n);
  }
  return init;
}

function gradients(
  task: Task,
  F: Float64Array,
  P: Float64Array | null,
  y: Float64Array,
  k: number,
  nOut: number,
  g: Float64Array,
  h: Float64Array,
): void {
  const n = y.length;
  if (task === 'regression') {
    for (let i = 0; i < n; i++) {
      g[i] = F[i] - y[i];
      h[i] = 1;
    }
  } else if (task === 'binary') {
    for (let i = 0; i < n; i++) {
      const z = F[i];
      const a = Math.exp(z >= 0 ? -z : z);
      const p = z >= 0 ? 1 / (1 + a) : a / (1 + a);
      g[i] = p - y[i];
      h[i] = Math.max(p * (1 - p), 1e-16);
    }
  } else {
    // LightGBM's K/(K−1) factor makes the diagonal Hessian bound tighter for softmax.
    const factor = nOut / (nOut - 1);
    const Q = P as Float64Array;
    for (let i = 0; i < n; i++) {
      const p = Q[i * nOut + k];
      g[i] = p - (y[i] === k ? 1 : 0);
      h[i] = Math.max(factor * p * (1 - p), 1e-16);
    }
  }
}

/** Training objective: logloss, multiclass logloss, or RMSE. */
export function lossOf(task: Task, F: Float64Array, y: Float64Array, nOut: number): number {
  const n = y.length;
  let s = 0;
  if (task === 'regression') {
    for (let i = 0; i < n; i++) s += (F[i] - y[i]) ** 2;
    return Math.sqrt(s / n);
  }
  if (task === 'binary') {
    for (let i = 0; i < n; i++) {
      const z = F[i];
      // log(1 + e^{-z}) for y = 1, log(1 + e^{z}) for y = 0, computed without overflow.
      const m = y[i] === 1 ? -z : z;
      s += m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
    }
    return s / n;
  }
  for (let i = 0; i < n; i++) {
    const o = i * nOut;
    let max = -Infinity;
    for (let k = 0; k < nOut; k++) if (F[o + k] > max) max = F[o + k];
    let z = 0;
    for (let k = 0; k < nOut; k++) z += Math.exp(F[o + k] - max);
    s += Math.log(z) + max - F[o + y[i]];
  }
  return s / n;
}

function complement(sorted: Uint32Array, n: number): Uint32Array {
  const out = new Uint32Array(n - sorted.length);
  let j = 0;
  let o = 0;
  for (let i = 0; i < n; i++) {
    if (j < sorted.length && sorted[j] === i) j++;
    else out[o++] = i;
  }
  return out;
}
