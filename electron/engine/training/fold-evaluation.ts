/**
 * Fitting and scoring under the session's validation: one holdout split scores the model
 * on its validation rows; k-fold fits once per fold, averages the folds' metrics (with
 * their spread), draws the diagnostics from all out-of-fold predictions together, and
 * refits on every row for the model that is kept; on small tables those fits share the
 * cores (parallel-folds.ts).
 */
import { importanceOnRows } from './importance';
import { predict } from './model';
import { evaluate } from './metrics/evaluate';
import { takeValues } from './rows';
import { REFIT_TASK } from './fold-tasks';
import { runFoldTasks } from './parallel-folds';
import { checkCancel, fitRows, subset, type Fitted, type TrainSession } from './train-session';
import type { Diagnostics, FeatureImportance, FoldResult, Metrics, Prediction } from './types';

export interface Evaluated {
  /** The model that is kept. */
  final: Fitted;
  metrics: Metrics;
  metricsStd?: Metrics;
  diagnostics: Diagnostics;
  folds?: FoldResult[];
  predictSeconds: number;
  predictedRows: number;
  /** Permutation importance, measured on held-out rows (never the training rows, when there are others). */
  permutation?: FeatureImportance['permutation'];
}

export async function evaluateHoldout(s: TrainSession): Promise<Evaluated> {
  const { train, valid } = s.folds[0]!;
  const final = await fitRows(s, train, undefined, valid);
  checkCancel(s);
  const evalRows = valid.length ? valid : train;
  const evalData = subset(s, evalRows);
  const t0 = performance.now();
  const prediction = await predict(final.model, evalData.columns);
  const predictSeconds = (performance.now() - t0) / 1000;
  const { metrics, diagnostics } = evaluate(evalData.y, prediction);
  return {
    final,
    metrics,
    diagnostics,
    predictSeconds,
    predictedRows: evalRows.length,
    permutation: await importanceOnRows(s, final.model, evalRows),
  };
}

export async function crossValidate(s: TrainSession): Promise<Evaluated> {
  const outcomes = await runFoldTasks(s);
  const folds: FoldResult[] = [];
  const oofRows: number[] = [];
  const parts: Prediction[] = [];
  let predictSeconds = 0;
  let predictedRows = 0;
  for (let f = 0; f < s.folds.length; f++) {
    const { train, valid } = s.folds[f]!;
    const { fitted, prediction, predictSeconds: seconds } = outcomes.get(f)!;
    predictSeconds += seconds;
    predictedRows += valid.length;
    folds.push({
      fold: f + 1,
      metrics: evaluate(takeValues(s.target.y, valid), prediction!).metrics,
      fitSeconds: fitted.seconds,
      trainRows: train.length,
      validRows: valid.length,
    });
    oofRows.push(...valid);
    parts.push(prediction!);
  }
  const { metrics, std } = meanAndStd(folds.map((r) => r.metrics));
  // Diagnostics (curves, confusion) come from the out-of-fold predictions of all folds together.
  const oof = Uint32Array.from(oofRows);
  const diagnostics = evaluate(takeValues(s.target.y, oof), concatPredictions(parts)).diagnostics;
  checkCancel(s);
  const final = (outcomes.get(REFIT_TASK) ?? outcomes.get(s.folds.length - 1)!).fitted;
  return {
    final,
    metrics,
    metricsStd: std,
    diagnostics,
    folds,
    predictSeconds,
    predictedRows,
    permutation: outcomes.get(0)!.permutation,
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
  const first = parts[0]!;
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
