/**
 * The fits a k-fold training needs, as numbered tasks (the refit on every row, then one
 * per fold), and one task's work: fit, and for a fold, predict its held-out rows (and
 * for the first fold, measure permutation importance on them). Both
 * the training worker and its fold helper run tasks through `runFoldTask`, so a fold
 * gives the same model and predictions wherever it runs (docs/architecture.md, "Inside
 * the training capability").
 */
import { importanceOnRows } from './importance';
import { predict } from './model';
import { fitRows, subset, type Fitted, type TrainSession } from './train-session';
import type { FeatureImportance, Prediction } from './types';

/** The refit on all rows; other tasks are fold indices. */
export const REFIT_TASK = -1;

export interface FoldTaskOutcome {
  fitted: Fitted;
  /** The fold's held-out predictions (none for the refit). */
  prediction?: Prediction;
  predictSeconds: number;
  /** The first fold's model is the one permutation importance is measured on, on its held-out rows. */
  permutation?: FeatureImportance['permutation'];
}

/** The refit first (the largest fit: a late start would leave one core idle at the end), then the folds. */
export function foldTasks(s: TrainSession): number[] {
  const folds = s.folds.map((_, f) => f);
  return s.job.refit === false ? folds : [REFIT_TASK, ...folds];
}

export async function runFoldTask(s: TrainSession, task: number): Promise<FoldTaskOutcome> {
  if (task === REFIT_TASK) return { fitted: await fitRows(s, s.rows, undefined), predictSeconds: 0 };
  const { train, valid } = s.folds[task]!;
  const fitted = await fitRows(s, train, task, valid);
  const t0 = performance.now();
  const prediction = await predict(fitted.model, subset(s, valid).columns);
  const predictSeconds = (performance.now() - t0) / 1000;
  // Measured inside the task, so it runs on either core while other folds fit.
  const permutation = task === 0 ? await importanceOnRows(s, fitted.model, valid) : undefined;
  return { fitted, prediction, predictSeconds, ...(permutation ? { permutation } : {}) };
}
