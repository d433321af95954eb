/**
 * Importance from a quick gradient-boosting fit: the training capability's histogram GBDT
 * (docs/architecture.md, "Inside the training capability") with a few dozen shallow trees
 * on at most BOOSTING_ROWS of the sample, so it takes a fraction of a second. A feature's
 * importance is its share of the total split gain; features the fit never split on get 0.
 * Numeric columns go in as values (NaN learns its own direction), categories as the binned
 * codes the other statistics count.
 */
import { fitBoosting } from '../../training/learners/gbdt/boosting';
import { treeImportance } from '../../training/learners/gbdt/tree-ensemble';
import type { FeatureInfo } from '../../training/preprocess/pipeline';
import type { Binned } from './binning';

export const BOOSTING_ROWS = 10_000;
export const BOOSTING_TREES = 30;
export const BOOSTING_DEPTH = 3;

export interface BoostingFeature {
  name: string;
  /** Numeric values, or category codes (the binned ones). */
  values: Float64Array | Binned;
}

export interface BoostingFit {
  importance: Float64Array;
  rows: number;
}

export function quickImportance(
  features: readonly BoostingFeature[],
  y: Float64Array,
  task: 'binary' | 'multiclass' | 'regression',
  nClasses: number,
  isCancelled: () => boolean,
): BoostingFit {
  // An evenly spaced subset of the (already random) sample, in table order.
  const stride = Math.max(1, y.length / BOOSTING_ROWS);
  const rows = Math.min(y.length, BOOSTING_ROWS);
  const pick = Uint32Array.from({ length: rows }, (_, i) => Math.floor(i * stride));
  const X = features.map(({ values }) =>
    values instanceof Float64Array
      ? Float64Array.from(pick, (r) => values[r]!)
      : Float64Array.from(pick, (r) => values.codes[r]!),
  );
  const info: FeatureInfo[] = features.map(({ name, values }) => ({
    name,
    source: name,
    categorical: !(values instanceof Float64Array),
    nCategories: values instanceof Float64Array ? 0 : values.count,
  }));
  const { model } = fitBoosting(
    { X, features: info, y: Float64Array.from(pick, (r) => y[r]!), task, nClasses },
    {
      n_estimators: BOOSTING_TREES,
      learning_rate: 0.3,
      max_depth: BOOSTING_DEPTH,
      max_leaves: 2 ** BOOSTING_DEPTH,
      max_bins: 64,
      // Fewer rows per leaf on small tables, so a few hundred rows still get splits.
      min_child_samples: Math.max(2, Math.min(20, Math.floor(rows / 20))),
      seed: 42,
    },
    { isCancelled },
  );
  const { gain } = treeImportance(model.trees, features.length);
  const total = gain.reduce((s, g) => s + g, 0);
  return { importance: gain.map((g) => (total > 0 ? g / total : 0)), rows };
}
