/**
 * Feature importance: permutation importance for every model (how much the ranking
 * metric worsens when one input column's values are shuffled among validation rows),
 * plus what the model itself exposes: split gain and count for trees, coefficients on
 * standardised features for linear models.
 */
import { higherIsBetter, primaryMetric } from '../../../shared/metrics';
import { evaluate } from './metrics/evaluate';
import { permutationScorer, type Model } from './model';
import { Rng } from './learners/random';
import { treeImportance } from './learners/gbdt/tree-ensemble';
import { takeAll } from './rows';
import { checkCancel, subset, type TrainSession } from './train-session';
import type { MetricKey } from '../../../shared/training';
import type { Column, FeatureImportance, Prediction, ProgressHooks } from './types';

const PERMUTATION_ROWS = 5000;
const REPEATS = 3;

/** Permutation importance of `model` on a session's held-out `rows`, unless the job turned it off. */
export async function importanceOnRows(
  s: TrainSession,
  model: Model,
  rows: Uint32Array,
): Promise<FeatureImportance['permutation'] | undefined> {
  if (s.job.permutationImportance === false || rows.length === 0) return undefined;
  checkCancel(s);
  const imp = subset(s, rows);
  return permutationImportance(model, imp.columns, imp.y, s.seed, s.hooks);
}

export async function permutationImportance(
  model: Model,
  columns: Column[],
  y: Float64Array,
  seed: number,
  hooks: ProgressHooks = {},
): Promise<FeatureImportance['permutation']> {
  const rng = new Rng(seed ^ 0x9e37);
  let cols = columns;
  let yy = y;
  if (y.length > PERMUTATION_ROWS) {
    const rows = rng.sample(y.length, PERMUTATION_ROWS);
    cols = takeAll(columns, rows);
    yy = Float64Array.from(rows, (r) => y[r]);
  }
  const metric = primaryMetric(model.task);
  const sign = higherIsBetter(metric) ? 1 : -1;
  const scorer = await permutationScorer(model, cols);
  const base = primaryScore(metric, yy, scorer.base);
  const used = new Set(model.pipeline.inputs.map((i) => i.name));
  const out: NonNullable<FeatureImportance['permutation']> = [];
  const perm = new Uint32Array(yy.length);
  let j = 0;
  for (const col of cols) {
    if (!used.has(col.name)) continue;
    if (hooks.isCancelled?.()) break;
    hooks.onProgress?.({ stage: 'Permutation importance', iteration: ++j, total: used.size });
    const drops: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      for (let i = 0; i < perm.length; i++) perm[i] = i;
      rng.shuffle(perm);
      drops.push(sign * (base - primaryScore(metric, yy, await scorer.permuted(col.name, perm))));
    }
    const mean = drops.reduce((a, b) => a + b, 0) / drops.length;
    const std = Math.sqrt(drops.reduce((a, b) => a + (b - mean) ** 2, 0) / drops.length);
    out.push({ column: col.name, importance: mean, std });
  }
  return out.sort((a, b) => b.importance - a.importance);
}

/**
 * The ranking metric alone: permutation importance scores one prediction per column and
 * repeat, and the full `evaluate` (every metric, curves, confusion) cost more than the
 * prediction on small tables (docs/architecture.md, "Inside the training capability").
 * Log loss and RMSE are computed here as metrics/ computes them; others go through it.
 */
function primaryScore(metric: MetricKey, y: Float64Array, p: Prediction): number {
  const n = y.length;
  if (metric === 'logloss' && p.task !== 'regression') {
    const K = p.classes.length;
    let s = 0;
    for (let i = 0; i < n; i++) s -= Math.log(Math.min(1, Math.max(1e-15, p.proba[i * K + y[i]])));
    return s / Math.max(1, n);
  }
  if (metric === 'rmse' && p.task === 'regression') {
    let s = 0;
    for (let i = 0; i < n; i++) s += (y[i] - p.values[i]) ** 2;
    return Math.sqrt(s / Math.max(1, n));
  }
  return evaluate(y, p).metrics[metric] ?? 0;
}

/** What the fitted model exposes about its features, named as the pipeline names them. */
export function modelImportance(model: Model): FeatureImportance {
  const features = model.pipeline.features;
  const est = model.estimator;
  if (est.kind === 'trees') {
    const { gain, split } = treeImportance(est.ensemble.trees, features.length);
    const rank = (v: Float64Array): Array<{ feature: string; importance: number }> =>
      features
        .map((f, j) => ({ feature: f.name, importance: v[j] }))
        .sort((a, b) => b.importance - a.importance);
    return { gain: rank(gain), split: rank(split) };
  }
  if (est.kind === 'linear') {
    const { coef, nOut, d } = est.linear;
    const coefficients: NonNullable<FeatureImportance['coefficients']> = [];
    for (let k = 0; k < nOut; k++) {
      for (let j = 0; j < d; j++) {
        const entry = { feature: features[j].name, coefficient: coef[k * (d + 1) + j + 1] };
        coefficients.push(nOut > 1 ? { ...entry, class: model.classes[k] } : entry);
      }
    }
    return { coefficients };
  }
  return {};
}
