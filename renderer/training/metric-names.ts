/** Metric names for people, and which direction is better, shared by Train and Experiments. */
import type { MetricKey, Task } from '../../shared/training';

export const METRIC_LABELS: Record<MetricKey, string> = {
  auc: 'ROC AUC',
  pr_auc: 'PR AUC',
  logloss: 'Log loss',
  accuracy: 'Accuracy',
  balanced_accuracy: 'Balanced accuracy',
  precision: 'Precision',
  recall: 'Recall',
  f1: 'F1 (macro)',
  f1_weighted: 'F1 (weighted)',
  mcc: 'MCC',
  kappa: "Cohen's κ",
  rmse: 'RMSE',
  mae: 'MAE',
  mape: 'MAPE',
  r2: 'R²',
};

const LOWER_IS_BETTER = new Set<MetricKey>(['logloss', 'rmse', 'mae', 'mape']);

export function higherIsBetter(metric: MetricKey): boolean {
  return !LOWER_IS_BETTER.has(metric);
}

/** The metrics worth a column in tables, per task, most telling first. */
export function headlineMetrics(task: Task): MetricKey[] {
  if (task === 'regression') return ['rmse', 'mae', 'r2', 'mape'];
  if (task === 'binary') return ['auc', 'logloss', 'accuracy', 'f1', 'pr_auc', 'mcc'];
  return ['logloss', 'accuracy', 'balanced_accuracy', 'f1', 'auc', 'kappa'];
}

export function formatMetric(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return Math.abs(value) >= 1000
    ? value.toLocaleString(undefined, { maximumFractionDigits: 1 })
    : value.toFixed(4);
}
