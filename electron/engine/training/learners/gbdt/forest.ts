/**
 * Random forest and extra trees on the boosting tree engine. Each tree fits the target
 * directly (gradient −y, hessian = bootstrap weight, no regularisation), so the split
 * gain is the weighted squared-error reduction (= Gini decrease for one-hot class
 * targets) and a leaf holds class frequencies or the mean value. Random forest draws a
 * bootstrap per tree; extra trees use all rows and one random threshold per feature.
 */
import { ApiError } from '../../../../../shared/errors';
import { Rng } from '../random';
import type { FeatureInfo } from '../../preprocess/pipeline';
import type { FitHistory, ProgressHooks, Task, TrainParams } from '../../types';
import { binMatrix, fitBinMappers } from './binning';
import { FlatTreesBuilder } from './flat-trees';
import { TreeGrower } from './grow-tree';
import { histLayout } from './histogram';
import { CATEGORY_SPLITS } from './split';
import type { TreeEnsemble } from './tree-ensemble';

export interface ForestInput {
  X: Float64Array[];
  features: FeatureInfo[];
  y: Float64Array;
  task: Task;
  nClasses: number;
}

export const FOREST_DEFAULTS = {
  n_estimators: 100,
  max_depth: 0,
  max_leaves: 0,
  min_child_samples: 1,
  max_features: 0,
  max_bins: 255,
  seed: 42,
} satisfies TrainParams;

const PROGRESS_MS = 250;

export function fitForest(
  input: ForestInput,
  params: TrainParams,
  extraTrees: boolean,
  hooks: ProgressHooks = {},
): { model: TreeEnsemble; history: FitHistory } {
  const p = {
    ...FOREST_DEFAULTS,
    bootstrap: !extraTrees,
    ...Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null && v !== undefined)),
  } as typeof FOREST_DEFAULTS & { bootstrap: boolean };
  const { X, y, task } = input;
  const n = y.length;
  const d = X.length;
  if (n === 0 || d === 0)
    throw new ApiError(
      'INVALID_INPUT',
      'There are no training rows or no feature columns to fit a forest on; check the selected columns and filters.',
    );
  const K = task === 'multiclass' ? input.nClasses : 1;
  const rng = new Rng(p.seed);
  const mappers = fitBinMappers(X, input.features, p.max_bins, rng.fork());
  const data = binMatrix(X, mappers);
  const layout = histLayout(mappers, K);
  // sklearn's defaults: √d features per split for classification, all of them for regression.
  const perSplit =
    p.max_features > 0
      ? Math.max(1, Math.round(p.max_features * d))
      : task === 'regression'
        ? 0
        : Math.max(1, Math.round(Math.sqrt(d)));
  const grower = new TreeGrower(data, mappers, layout, {
    lambda: 0,
    alpha: 0,
    minChildSamples: Math.max(1, p.min_child_samples),
    minChildWeight: 0,
    minSplitGain: 0,
    // Trees grown deep need the same guard against near-unique text as boosting; groups
    // may be smaller, since a forest's leaves are.
    catSmooth: 0,
    catL2: CATEGORY_SPLITS.catL2,
    minCatRows: CATEGORY_SPLITS.minCatRows,
    minDataPerGroup: 20,
    maxCatThreshold: CATEGORY_SPLITS.maxCatThreshold,
    maxLeaves: p.max_leaves,
    maxDepth: p.max_depth,
    featuresPerSplit: perSplit >= d ? 0 : perSplit,
    extraTrees,
    ...(K > 1 ? { classOf: Int32Array.from(y) } : {}),
  });
  const { g, h, idx } = grower.rows;
  const weight = new Float64Array(n);
  const allFeatures = Int32Array.from({ length: d }, (_, f) => f);
  const builder = new FlatTreesBuilder(K);
  let lastReport = 0;
  try {
    for (let t = 0; t < p.n_estimators; t++) {
      if (hooks.isCancelled?.()) throw new ApiError('CANCELLED', 'Training was cancelled.');
      const treeRng = rng.fork();
      weight.fill(p.bootstrap ? 0 : 1);
      if (p.bootstrap) for (let j = 0; j < n; j++) weight[treeRng.int(n)] += 1;
      let m = 0;
      for (let i = 0; i < n; i++) {
        const w = weight[i];
        h[i] = w;
        if (w > 0) idx[m++] = i;
        if (K === 1) g[i] = -w * y[i];
        else {
          for (let c = 0; c < K; c++) g[i * K + c] = 0;
          g[i * K + y[i]] = -w;
        }
      }
      const { tree } = grower.grow(g, h, idx, m, m === n, allFeatures, treeRng);
      builder.add(tree, 0, 1);
      const now = Date.now();
      if (hooks.onProgress && (now - lastReport >= PROGRESS_MS || t + 1 === p.n_estimators)) {
        lastReport = now;
        hooks.onProgress({
          stage: extraTrees ? 'Extra trees' : 'Random forest',
          iteration: t + 1,
          total: p.n_estimators,
        });
      }
    }
  } finally {
    grower.close();
  }
  const model: TreeEnsemble = {
    mappers,
    trees: builder.build(),
    nOut: K,
    init: new Float64Array(K),
    combine: 'mean',
    task,
  };
  return { model, history: { iterations: p.n_estimators, trainLoss: [], validLoss: [] } };
}
