/**
 * What one training keeps while it fits: the checked rows and columns, the encoded
 * target, the folds, the resolved params, and how to fit a model on some rows (holding a
 * slice back for early stopping). Built once by `startSession` so the holdout and k-fold
 * paths in fold-evaluation.ts fit the same way.
 */
import { ApiError } from '../../../shared/errors';
import { resolveParams } from './catalogue';
import { fitModel, type FitData, type Model } from './model';
import { Rng } from './learners/random';
import { columnLength, takeAll, takeValues } from './rows';
import { encodeTarget, inferTask } from './task';
import type { Column, FitHistory, ProgressHooks, Task, TrainJob, TrainParams } from './types';
import { makeFolds, type Fold } from './validation';

/** Share of training rows held back for early stopping (never the validation rows). */
const EARLY_STOP_FRACTION = 0.1;

export interface Fitted {
  model: Model;
  history: FitHistory;
  backend?: string;
  seconds: number;
}

export interface TrainSession {
  job: TrainJob;
  hooks: ProgressHooks;
  params: TrainParams;
  seed: number;
  task: Task;
  target: ReturnType<typeof encodeTarget>;
  columns: Column[];
  /** The rows whose target has a value. */
  rows: Uint32Array;
  folds: Fold[];
}

export function startSession(job: TrainJob, hooks: ProgressHooks): TrainSession {
  const { data } = job;
  const params = { ...resolveParams(job.algorithm, job.params), seed: job.params?.seed ?? 42 };
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
  return { job, hooks, params, seed, task, target, columns, rows, folds };
}

/** The learner's input for some rows. */
export function subset(s: TrainSession, rows: Uint32Array): FitData {
  return {
    columns: takeAll(s.columns, rows),
    y: takeValues(s.target.y, rows),
    task: s.task,
    classes: s.target.classes,
    target: s.job.data.target.name,
  };
}

export function checkCancel(s: TrainSession): void {
  if (s.hooks.isCancelled?.()) throw new ApiError('CANCELLED', 'Training was cancelled.');
}

/** Fits on `trainRows` (fold index for progress; `monitorRows` for boosting's live validation curve). */
export async function fitRows(
  s: TrainSession,
  trainRows: Uint32Array,
  fold: number | undefined,
  monitorRows?: Uint32Array,
): Promise<Fitted> {
  const t0 = performance.now();
  let earlyStop: FitData | undefined;
  let rows = trainRows;
  if (((s.params.early_stopping_rounds as number | undefined) ?? 0) > 0 && trainRows.length >= 20) {
    const rng = new Rng(s.seed ^ 0xe5);
    const held = rng.sample(
      trainRows.length,
      Math.max(1, Math.round(trainRows.length * EARLY_STOP_FRACTION)),
    );
    const mask = new Uint8Array(trainRows.length);
    for (const j of held) mask[j] = 1;
    rows = trainRows.filter((_, j) => !mask[j]);
    earlyStop = subset(
      s,
      Uint32Array.from(held, (j) => trainRows[j]),
    );
  }
  const { hooks } = s;
  const foldHooks: ProgressHooks = {
    isCancelled: hooks.isCancelled,
    onProgress:
      hooks.onProgress &&
      ((p) =>
        hooks.onProgress?.({
          ...p,
          ...(fold === undefined ? {} : { fold: fold + 1, folds: s.folds.length }),
        })),
  };
  // Without early stopping, boosting may still report the validation loss per round for
  // the live curve: with early_stopping_rounds = 0 it only records it, so nothing leaks.
  // Other learners would early-stop on whatever they are given, so they get nothing.
  const monitor =
    earlyStop ?? (s.job.algorithm === 'gbdt' && monitorRows?.length ? subset(s, monitorRows) : undefined);
  const out = await fitModel(s.job.algorithm, subset(s, rows), s.params, foldHooks, monitor);
  return { ...out, seconds: (performance.now() - t0) / 1000 };
}
