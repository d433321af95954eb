/**
 * The runs of one experiment, best first: a checkbox selects a run for comparison, a
 * click anywhere else on the row opens its page.
 */
import type { MetricKey, RunSummary } from '../../shared/training';
import { formatMetric, METRIC_LABELS } from '../../shared/metrics';
import { formatDuration } from '../shell/format';
import { useExperiments } from '../app-stores';
import { algorithmLabel } from './run-labels';

export function RunsTable({ runs, metrics }: { runs: RunSummary[]; metrics: MetricKey[] }) {
  const { selected, toggle, openRun } = useExperiments();
  return (
    <div className="table-scroll">
      <table className="data-table runs-table" aria-label="Runs">
        <thead>
          <tr>
            <th aria-label="Select" />
            <th className="num">#</th>
            <th>Algorithm</th>
            <th>Status</th>
            {metrics.map((m) => (
              <th key={m} className="num">
                {METRIC_LABELS[m]}
              </th>
            ))}
            <th className="num">Fit time</th>
            <th>Data</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r, i) => (
            <tr
              key={r.id}
              className={selected.includes(r.id) ? 'selected clickable' : 'clickable'}
              data-testid="run-row"
              title="Open this run's page"
              onClick={() => openRun(r.id)}
            >
              <td onClick={(e) => e.stopPropagation()}>
                <input
                  type="checkbox"
                  aria-label={`Select run ${r.id}`}
                  checked={selected.includes(r.id)}
                  onChange={() => toggle(r.id)}
                />
              </td>
              <td className="num">{r.status === 'succeeded' ? i + 1 : ''}</td>
              <td>{algorithmLabel(r.algorithm)}</td>
              <td>
                <span className={`status ${r.status}`} title={r.error}>
                  {r.status}
                </span>
              </td>
              {metrics.map((m) => (
                <td key={m} className={m === r.primaryMetric ? 'num primary' : 'num'}>
                  {formatMetric(m, r.metrics[m])}
                </td>
              ))}
              <td className="num">
                {r.fitSeconds !== undefined ? formatDuration(r.fitSeconds * 1000) : '—'}
              </td>
              <td className="truncate" title={`${r.versionLabel} → ${r.target}`}>
                {r.versionLabel} → {r.target}
              </td>
              <td title={r.createdAt}>{new Date(r.createdAt).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
