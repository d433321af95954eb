/** The runs that trained on the open set and the bundles exported from them, each with the set version it used. */
import type { AlgorithmId } from '../../shared/training';
import { useExperiments, useFeatures } from '../app-stores';
import { algorithmLabel } from '../experiments/run-labels';
import { useUi } from '../shell/ui-store';

function openRun(runId: string): void {
  useUi.getState().setView('experiments');
  useExperiments.getState().openRun(runId);
}

export function FeatureSetUsageTables() {
  const usage = useFeatures((s) => s.usage);
  if (!usage) return null;
  return (
    <section aria-label="Used by" data-testid="feature-set-usage">
      <h3>Used by</h3>
      {usage.runs.length === 0 && usage.bundles.length === 0 && (
        <p className="muted small">No run has trained on this set yet.</p>
      )}
      {usage.runs.length > 0 && (
        <table className="data-table compact">
          <thead>
            <tr>
              <th>Run</th>
              <th>Set version</th>
              <th>Data</th>
              <th>Status</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {usage.runs.map((r) => (
              <tr key={`${r.runId}:${r.featureSet.version}`} data-testid="usage-run">
                <td>
                  <button type="button" className="link" onClick={() => openRun(r.runId)}>
                    {algorithmLabel(r.algorithm as AlgorithmId)} · {r.experiment}
                  </button>
                </td>
                <td>
                  {r.featureSet.name}@{r.featureSet.version}
                </td>
                <td>{r.versionLabel}</td>
                <td>{r.status}</td>
                <td>{new Date(r.createdAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {usage.bundles.length > 0 && (
        <table className="data-table compact">
          <thead>
            <tr>
              <th>Bundle</th>
              <th>Set version</th>
              <th>Run</th>
            </tr>
          </thead>
          <tbody>
            {usage.bundles.map((b) => (
              <tr key={`${b.model}:${b.version}`} data-testid="usage-bundle">
                <td>
                  {b.model} {b.version}
                </td>
                <td>
                  {b.featureSet.name}@{b.featureSet.version}
                </td>
                <td>
                  <button type="button" className="link" onClick={() => openRun(b.runId)}>
                    {b.runId.slice(0, 8)}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
