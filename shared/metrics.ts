/**
 * What a metric is called for people, which direction is better, which one ranks models
 * per task, and how a value is printed. The engine ranks with these rules and the app and
 * the CLI print with them, so a leaderboard reads the same everywhere. Pure: no Node, no
 * DOM.
 */
import type { MetricKey, Task } from './training';

/** Names for people (table headers, tooltips, the CLI's sentences). */
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

/** Losses and errors: the smaller, the better. Every other metric is a score. */
const LOWER_IS_BETTER: ReadonlySet<MetricKey> = new Set<MetricKey>(['logloss', 'rmse', 'mae', 'mape']);

export function higherIsBetter(metric: MetricKey): boolean {
  return !LOWER_IS_BETTER.has(metric);
}

/** The metric that ranks models by default: AUC (binary), log loss (multiclass), RMSE (regression). */
export function primaryMetric(task: Task): MetricKey {
  return task === 'binary' ? 'auc' : task === 'multiclass' ? 'logloss' : 'rmse';
}

/** The metrics worth a column in tables, per task, most telling first. */
export function headlineMetrics(task: Task): MetricKey[] {
  if (task === 'regression') return ['rmse', 'mae', 'r2', 'mape'];
  if (task === 'binary') return ['auc', 'logloss', 'accuracy', 'f1', 'pr_auc', 'mcc'];
  return ['logloss', 'accuracy', 'balanced_accuracy', 'f1', 'auc', 'kappa'];
}

/**
 * One way to print a metric. Scores live in [-1, 1], so four decimals keep a column of
 * them aligned and comparable; losses and errors have the data's scale, so they get four
 * significant digits instead (an RMSE of 0.000123 stays readable). From 100 up one
 * decimal is enough whatever the metric. No locale grouping: the CLI's output must parse
 * the same on every machine.
 */
export function formatMetric(metric: MetricKey, value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  if (Math.abs(value) >= 100) return value.toFixed(1);
  return higherIsBetter(metric) ? value.toFixed(4) : Number(value.toPrecision(4)).toString();
}
