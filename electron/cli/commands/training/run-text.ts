/**
 * Small pieces of how a run reads on the terminal, shared by the one-run summary, the
 * leaderboard and the search table: which metrics get a column, seconds, params and how
 * the run was validated. Metric names, directions and precision come from
 * shared/metrics, as in the app.
 */
import { headlineMetrics } from '../../../../shared/metrics';
import type { MetricKey, ParamValue, RunDetail, Task, ValidationSpec } from '../../../../shared/training';

/** How many of the task's headline metrics fit one terminal line beside the other columns. */
const TERMINAL_METRIC_COUNT: Record<Task, number> = { regression: 3, binary: 4, multiclass: 5 };

/** The metrics worth a glance for a task on a terminal, primary first. */
export function terminalMetrics(task: Task): MetricKey[] {
  return headlineMetrics(task).slice(0, TERMINAL_METRIC_COUNT[task]);
}

export function formatSeconds(s: number | undefined): string {
  if (s === undefined) return '—';
  return s < 10 ? `${s.toFixed(2)} s` : `${s.toFixed(1)} s`;
}

/** A param as typed on the command line: layer sizes as 64x32. */
export function formatParam(value: ParamValue | undefined): string {
  if (value === undefined) return '—';
  return Array.isArray(value) ? value.join('x') : String(value);
}

export function describeValidation(run: RunDetail): string {
  const v: ValidationSpec = run.validation;
  const rows = (n: number | undefined) => (n ?? 0).toLocaleString('en-US');
  if (v.kind === 'kfold')
    return `${run.folds?.length ?? v.folds ?? 5}-fold cross-validation on ${rows(run.trainRows)} rows`;
  if (v.kind === 'none') return `no validation: scored on the ${rows(run.trainRows)} training rows`;
  const how =
    'strategy' in v && (v.strategy === 'time' || v.strategy === 'group')
      ? ` by ${v.strategy} (${v.column})`
      : '';
  return `holdout of ${rows(run.validRows)} rows${how}, trained on ${rows(run.trainRows)}`;
}
