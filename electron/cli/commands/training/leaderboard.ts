/** `assay train --algo all`: every run ranked by the task's primary metric, as a table. */
import { formatMetric, higherIsBetter, primaryMetric } from '../../../../shared/metrics';
import type { AlgorithmId, RunDetail } from '../../../../shared/training';
import { tableLines } from '../../text-table';
import { describeValidation, formatSeconds, terminalMetrics } from './run-text';

/** Best first by the task's primary metric; failed runs last. */
export function rankRuns(runs: RunDetail[]): RunDetail[] {
  const metric = primaryMetric(runs[0]!.task);
  const sign = higherIsBetter(metric) ? -1 : 1;
  const key = (r: RunDetail): number => {
    const v = r.metrics[metric];
    return r.status === 'succeeded' && typeof v === 'number' && Number.isFinite(v) ? sign * v : Infinity;
  };
  return [...runs].sort((a, b) => key(a) - key(b));
}

/** The ranked runs (see `rankRuns`) as lines for people. */
export function leaderboard(runs: RunDetail[], labelOf: (id: AlgorithmId) => string): string {
  const task = runs[0]!.task;
  const metrics = terminalMetrics(task);
  const header = ['RANK', 'ALGORITHM', ...metrics.map((m) => m.toUpperCase()), 'FIT', 'RUN'];
  const rows = runs.map((r, i) => [
    String(i + 1),
    labelOf(r.algorithm),
    ...metrics.map((m) => (r.status === 'succeeded' ? formatMetric(m, r.metrics[m]) : '—')),
    r.status === 'succeeded' ? formatSeconds(r.fitSeconds) : r.status,
    r.id,
  ]);
  const align = (i: number, count: number) => (i === 1 || i === count - 1 ? 'left' : 'right');
  const failed = runs.filter((r) => r.error).map((r) => `  ${labelOf(r.algorithm)} failed: ${r.error}`);
  const first = runs[0]!;
  return [
    `${runs.length} algorithms on ${first.versionLabel} → ${first.target} (${task}), ranked by ${primaryMetric(task)}; ${describeValidation(first)}.`,
    ...tableLines(header, rows, { align }),
    ...failed,
    ...(first.warnings ?? []).map((w) => `Note: ${w}`),
  ].join('\n');
}
