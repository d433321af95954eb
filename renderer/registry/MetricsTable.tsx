/** A version's metrics with people's names and formatting, the model's main metric first. */
import type { MetricKey, Metrics } from '../../shared/training';
import { formatMetric, METRIC_LABELS } from '../../shared/metrics';

export function MetricsTable({ metrics, primary }: { metrics: Metrics; primary: MetricKey }) {
  const keys = (Object.keys(metrics) as MetricKey[]).sort(
    (a, b) => Number(b === primary) - Number(a === primary),
  );
  return (
    <table className="data-table compact" data-testid="version-metrics">
      <tbody>
        {keys.map((key) => (
          <tr key={key} className={key === primary ? 'primary' : undefined}>
            <th>{METRIC_LABELS[key]}</th>
            <td className="num">{formatMetric(key, metrics[key])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
