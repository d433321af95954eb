/** One metric across the compared runs: the best in bold, ± the spread across folds. */
import type { MetricKey, RunDetail } from '../../shared/training';
import { formatMetric, higherIsBetter, METRIC_LABELS } from '../../shared/metrics';

export function MetricRow({ metric, runs }: { metric: MetricKey; runs: RunDetail[] }) {
  const finite = runs.map((r) => r.metrics[metric]).filter((v): v is number => v !== undefined);
  const best = finite.length
    ? higherIsBetter(metric)
      ? Math.max(...finite)
      : Math.min(...finite)
    : undefined;
  return (
    <tr>
      <th>{METRIC_LABELS[metric]}</th>
      {runs.map((r) => (
        <td key={r.id} className={r.metrics[metric] === best && runs.length > 1 ? 'num best' : 'num'}>
          {formatMetric(metric, r.metrics[metric])}
          {r.metricsStd?.[metric] !== undefined && (
            <span className="muted small"> ± {formatMetric(metric, r.metricsStd[metric])}</span>
          )}
        </td>
      ))}
    </tr>
  );
}
