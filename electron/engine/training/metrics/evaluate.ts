/**
 * One entry point from a prediction to metrics, and the rules for which metric ranks
 * models for each task (and whether higher is better) so search and the leaderboard
 * agree.
 */
import type { Diagnostics, MetricKey, Metrics, Prediction, Task } from '../types';
import { classificationMetrics } from './classification';
import { regressionMetrics } from './regression';

export function evaluate(
  y: Float64Array,
  prediction: Prediction,
): { metrics: Metrics; diagnostics: Diagnostics } {
  return prediction.task === 'regression'
    ? regressionMetrics(y, prediction.values)
    : classificationMetrics(y, prediction.proba, prediction.classes);
}

/** The metric that ranks models by default: AUC (binary), log loss (multiclass), RMSE (regression). */
export function primaryMetric(task: Task): MetricKey {
  return task === 'binary' ? 'auc' : task === 'multiclass' ? 'logloss' : 'rmse';
}

export function higherIsBetter(metric: MetricKey): boolean {
  return !(metric === 'logloss' || metric === 'rmse' || metric === 'mae' || metric === 'mape');
}
