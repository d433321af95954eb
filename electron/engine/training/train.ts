/**
 * One training job from start to finish: infer and encode the target, drop rows whose
 * target is missing, split for validation, fit (per fold for k-fold, then refit on all
 * rows), predict the held-out rows, and gather metrics, diagnostics, importance and
 * timings into a TrainResult with the serialised model. Runs anywhere; the worker
 * wraps it so the caller's thread never blocks.
 */
import { ApiError } from '../../../shared/errors';
import { resolveParams } from './catalogue';
import { modelImportance, permutationImportance } from './importance';
import { evaluate } from './metrics/evaluate';
import { fitModel, predict, serializeModel, type FitData, type Model } from './model';
import { Rng } from './random';
import { columnLength, takeAll, takeValues } from './rows';
import { encodeTarget, inferTask } from './task';
import type {
  Diagnostics,
  FitHistory,
  FoldResult,
  Metrics,
  Prediction,
  ProgressHooks,
  TrainJob,
  TrainResult,
} from './types';
import { makeFolds } from './validation';

/** Share of training rows held back for early stopping (never the validation rows). */
const EARLY_STOP_FRACTION = 0.1;

export async function runTraining(job: TrainJob, hooks: ProgressHooks = {}): Promise<TrainResult> {
  const { data, algorithm } = job;
  const params = { ...resolveParams(algorithm, job.params), seed: job.params?.seed ?? 42 };
  const seed = params.seed as number;
  const n = columnLength(data.target);
  const columns = data.columns.filter((c) => c.name !== data.target.name);
  for (const c of columns) {
    if (columnLength(c) !== n) {
      throw new ApiError(
        'INVALID_INPUT',
        `The column "${c.name}" has ${columnLength(c)} rows but the target has ${n}; load all columns from the same table version.`,
      );
    }
  }
  const task = job.task ?? inferTask(data.target);
  const target = encodeTarget(data.target, task);
  const present: number[] = [];
  for (let i = 0; i < n; i++) if (target.y[i] === target.y[i]) present.push(i);
  const rows = Uint32Array.from(present);
  if (rows.length < 2) {
    throw new ApiError(
      'INVALID_INPUT',
      `The target column "${data.target.name}" has fewer than two rows with a value, so there is nothing to train on; fill in the target or pick another column.`,
    );
  }
  const validation = job.validation ?? { kind: 'holdout' as const };
  const folds = makeFolds(validation, rows, target.y, task, columns, seed);
  const subset = (r: Uint32Array): FitData => ({
    columns: takeAll(columns, r),
    y: takeValues(target.y, r),
    task,
    classes: target.classes,
    target: data.target.name,
  });

  const fit = async (
    trainRows: Uint32Array,
    fold: number | undefined,
    monitorRows?: Uint32Array,
  ): Promise<{ model: Model; history: FitHistory; backend?: string; seconds: number }> => {
    const t0 = performance.now();
    let earlyStop: FitData | undefined;
    let fitRows = trainRows;
    if (((params.early_stopping_rounds as number | undefined) ?? 0) > 0 && trainRows.length >= 20) {
      const rng = new Rng(seed ^ 0xe5);
      const held = rng.sample(
        trainRows.length,
        Math.max(1, Math.round(trainRows.length * EARLY_STOP_FRACTION)),
      );
      const mask = new Uint8Array(trainRows.length);
      for (const j of held) mask[j] = 1;
      fitRows = trainRows.filter((_, j) => !mask[j]);
      earlyStop = subset(Uint32Array.from(held, (j) => trainRows[j]));
    }
    const foldHooks: ProgressHooks = {
      isCancelled: hooks.isCancelled,
      onProgress:
        hooks.onProgress &&
        ((p) =>
          hooks.onProgress?.({
            ...p,
            ...(fold === undefined ? {} : { fold: fold + 1, folds: folds.length }),
          })),
    };
    // Without early stopping, boosting may still report the validation loss per round for
    // the live curve: with early_stopping_rounds = 0 it only records it, so nothing leaks.
    // Other learners would early-stop on whatever they are given, so they get nothing.
    const monitor =
      earlyStop ?? (algorithm === 'gbdt' && monitorRows?.length ? subset(monitorRows) : undefined);
    const out = await fitModel(algorithm, subset(fitRows), params, foldHooks, monitor);
    return { ...out, seconds: (performance.now() - t0) / 1000 };
  };

  const checkCancel = (): void => {
    if (hooks.isCancelled?.()) throw new ApiError('CANCELLED', 'Training was cancelled.');
  };

  let final: Awaited<ReturnType<typeof fit>>;
  let metrics: Metrics;
  let metricsStd: Metrics | undefined;
  let diagnostics: Diagnostics;
  let foldResults: FoldResult[] | undefined;
  let predictSeconds = 0;
  let predictedRows = 0;
  let importanceRows: Uint32Array;
  let importanceModel: Model;

  if (folds.length === 1) {
    const { train, valid } = folds[0];
    final = await fit(train, undefined, valid);
    checkCancel();
    const evalRows = valid.length ? valid : train;
    const evalData = subset(evalRows);
    const t0 = performance.now();
    const prediction = await predict(final.model, evalData.columns);
    predictSeconds = (performance.now() - t0) / 1000;
    predictedRows = evalRows.length;
    ({ metrics, diagnostics } = evaluate(evalData.y, prediction));
    importanceRows = evalRows;
    importanceModel = final.model;
  } else {
    foldResults = [];
    const oofRows: number[] = [];
    const parts: Prediction[] = [];
    let firstModel: Model | null = null;
    let lastFit: Awaited<ReturnType<typeof fit>> | null = null;
    for (let f = 0; f < folds.length; f++) {
      checkCancel();
      const { train, valid } = folds[f];
      const fitted = await fit(train, f, valid);
      firstModel ??= fitted.model;
      const evalData = subset(valid);
      const t0 = performance.now();
      const prediction = await predict(fitted.model, evalData.columns);
      predictSeconds += (performance.now() - t0) / 1000;
      predictedRows += valid.length;
      foldResults.push({
        fold: f + 1,
        metrics: evaluate(evalData.y, prediction).metrics,
        fitSeconds: fitted.seconds,
        trainRows: train.length,
        validRows: valid.length,
      });
      oofRows.push(...valid);
      parts.push(prediction);
      lastFit = fitted;
    }
    ({ metrics, std: metricsStd } = meanAndStd(foldResults.map((r) => r.metrics)));
    // Diagnostics (curves, confusion) come from the out-of-fold predictions of all folds together.
    const oof = Uint32Array.from(oofRows);
    diagnostics = evaluate(takeValues(target.y, oof), concatPredictions(parts)).diagnostics;
    checkCancel();
    final = job.refit === false && lastFit ? lastFit : await fit(rows, undefined);
    importanceRows = folds[0].valid;
    importanceModel = firstModel as Model;
  }

  const importance = modelImportance(final.model);
  if (job.permutationImportance !== false && importanceRows.length > 0) {
    checkCancel();
    const imp = subset(importanceRows);
    importance.permutation = await permutationImportance(importanceModel, imp.columns, imp.y, seed, hooks);
  }
  return {
    task,
    algorithm,
    params,
    ...(task === 'regression' ? {} : { classes: target.classes }),
    metrics,
    ...(metricsStd ? { metricsStd } : {}),
    ...(foldResults ? { folds: foldResults } : {}),
    diagnostics,
    importance,
    history: final.history,
    fitSeconds: foldResults
      ? foldResults.reduce((a, r) => a + r.fitSeconds, 0) / foldResults.length
      : final.seconds,
    predictSecondsPerRow: predictedRows ? predictSeconds / predictedRows : 0,
    trainRows: folds.length === 1 ? folds[0].train.length : rows.length,
    validRows: folds.length === 1 ? folds[0].valid.length : rows.length,
    ...(final.backend ? { backend: final.backend } : {}),
    model: serializeModel(final.model),
  };
}

function meanAndStd(list: Metrics[]): { metrics: Metrics; std: Metrics } {
  const metrics: Metrics = {};
  const std: Metrics = {};
  const keys = new Set(list.flatMap((m) => Object.keys(m))) as Set<keyof Metrics>;
  for (const k of keys) {
    const v = list.map((m) => m[k]).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
    if (!v.length) continue;
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    metrics[k] = mean;
    std[k] = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
  }
  return { metrics, std };
}

function concatPredictions(parts: Prediction[]): Prediction {
  const first = parts[0];
  if (first.task === 'regression') {
    const values = new Float64Array(
      parts.reduce((a, p) => a + (p as { values: Float64Array }).values.length, 0),
    );
    let o = 0;
    for (const p of parts) {
      const v = (p as { values: Float64Array }).values;
      values.set(v, o);
      o += v.length;
    }
    return { task: 'regression', values };
  }
  const proba = new Float64Array(parts.reduce((a, p) => a + (p as { proba: Float64Array }).proba.length, 0));
  let o = 0;
  for (const p of parts) {
    const v = (p as { proba: Float64Array }).proba;
    proba.set(v, o);
    o += v.length;
  }
  return { task: first.task, classes: first.classes, proba };
}
