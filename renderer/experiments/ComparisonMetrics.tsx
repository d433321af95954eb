/**
 * The compared runs' validation metrics (best in bold, ± the spread across folds), how
 * each was validated, whether the difference of two is significant, and the parameters
 * that differ.
 */
import type { MetricKey, RunDetail } from '../../shared/training';
import { MetricRow } from './MetricRow';
import { Significance } from './Significance';
import { validationLabel } from './run-labels';

interface ComparisonMetricsProps {
  runs: RunDetail[];
  metrics: MetricKey[];
  name: (run: RunDetail, index: number) => string;
}

export function ComparisonMetrics({ runs, metrics, name }: ComparisonMetricsProps) {
  const paramNames = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].sort();
  const differing = paramNames.filter((p) => new Set(runs.map((r) => JSON.stringify(r.params[p]))).size > 1);
  return (
    <div>
      <h3>Metrics (validation)</h3>
      <table className="data-table compact" data-testid="comparison-metrics">
        <thead>
          <tr>
            <th />
            {runs.map((r, i) => (
              <th key={r.id} className="num">
                {name(r, i)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th>Validation</th>
            {runs.map((r) => (
              <td key={r.id} className="num">
                {validationLabel(r.validation)}
              </td>
            ))}
          </tr>
          {metrics.map((m) => (
            <MetricRow key={m} metric={m} runs={runs} />
          ))}
        </tbody>
      </table>
      {runs.length === 2 && <Significance a={runs[0]!} b={runs[1]!} />}
      {differing.length > 0 && (
        <>
          <h3>Parameters that differ</h3>
          <table className="data-table compact">
            <tbody>
              {differing.map((p) => (
                <tr key={p}>
                  <th>
                    <code>{p}</code>
                  </th>
                  {runs.map((r) => (
                    <td key={r.id}>{r.params[p] === undefined ? '—' : JSON.stringify(r.params[p])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
