/** A finished run's headline metrics (± their spread across folds), fit time and backend. */
import { formatMetric, headlineMetrics, METRIC_LABELS } from '../../shared/metrics';
import type { RunDetail, Task } from '../../shared/training';
import { formatDuration } from '../shell/format';

export function RunMetrics({ detail, task }: { detail: RunDetail; task: Task }) {
  const metrics = headlineMetrics(task).filter((m) => detail.metrics[m] !== undefined);
  return (
    <dl className="run-metrics" data-testid="run-metrics">
      {metrics.map((m) => (
        <div key={m}>
          <dt>{METRIC_LABELS[m]}</dt>
          <dd>
            {formatMetric(m, detail.metrics[m])}
            {detail.metricsStd?.[m] !== undefined && (
              <span className="muted small"> ± {formatMetric(m, detail.metricsStd[m])}</span>
            )}
          </dd>
        </div>
      ))}
      <div>
        <dt>Fit time</dt>
        <dd>{detail.fitSeconds !== undefined ? formatDuration(detail.fitSeconds * 1000) : '—'}</dd>
      </div>
      {detail.backend && (
        <div>
          <dt>Backend</dt>
          <dd>{detail.backend}</dd>
        </div>
      )}
    </dl>
  );
}
