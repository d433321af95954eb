/**
 * One training job from start to finish: infer and encode the target, drop rows whose
 * target is missing, split for validation, fit (per fold for k-fold, then refit on all
 * rows), predict the held-out rows, and gather metrics, diagnostics, importance and
 * timings into a TrainResult with the serialised model. Runs anywhere; the worker
 * wraps it so the caller's thread never blocks.
 */
import { crossValidate, evaluateHoldout } from './fold-evaluation';
import { modelImportance } from './importance';
import { serializeModel } from './model';
import { startSession } from './train-session';
import type { ProgressHooks, TrainJob, TrainResult } from './types';

export async function runTraining(job: TrainJob, hooks: ProgressHooks = {}): Promise<TrainResult> {
  const s = startSession(job, hooks);
  const { task, folds } = s;
  const e = folds.length === 1 ? await evaluateHoldout(s) : await crossValidate(s);
  const importance = modelImportance(e.final.model);
  if (e.permutation) importance.permutation = e.permutation;
  return {
    task,
    algorithm: job.algorithm,
    params: s.params,
    ...(task === 'regression' ? {} : { classes: s.target.classes }),
    metrics: e.metrics,
    ...(e.metricsStd ? { metricsStd: e.metricsStd } : {}),
    ...(e.folds ? { folds: e.folds } : {}),
    diagnostics: e.diagnostics,
    importance,
    history: e.final.history,
    fitSeconds: e.folds ? e.folds.reduce((a, r) => a + r.fitSeconds, 0) / e.folds.length : e.final.seconds,
    predictSecondsPerRow: e.predictedRows ? e.predictSeconds / e.predictedRows : 0,
    trainRows: folds.length === 1 ? folds[0]!.train.length : s.rows.length,
    validRows: folds.length === 1 ? folds[0]!.valid.length : s.rows.length,
    ...(e.final.backend ? { backend: e.final.backend } : {}),
    model: serializeModel(e.final.model),
  };
}
