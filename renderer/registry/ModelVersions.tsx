/** One model's versions, newest first: semver, when, main metric, run, dataset, digest and where it was pushed. */
import type { ModelSummary } from '../../shared/bundles';
import { formatMetric, METRIC_LABELS } from '../../shared/metrics';
import { useRegistry } from '../app-stores';
import { shortDigest } from './digest';

export function ModelVersions({ model }: { model: ModelSummary }) {
  const { version: open, openVersion } = useRegistry();
  const primary = model.versions[0]?.primaryMetric;
  return (
    <table className="data-table versions-table" data-testid="versions-table">
      <thead>
        <tr>
          <th>Version</th>
          <th>Created</th>
          {primary && <th>{METRIC_LABELS[primary]}</th>}
          <th>Run</th>
          <th>Dataset</th>
          <th>Digest</th>
          <th>Pushed to</th>
        </tr>
      </thead>
      <tbody>
        {model.versions.map((v) => (
          <tr
            key={v.version}
            data-testid="version-row"
            className={v.version === open ? 'selected' : undefined}
            onClick={() => void openVersion(v.version)}
          >
            <td>
              <button type="button" className="link" onClick={() => void openVersion(v.version)}>
                {v.version}
              </button>
              {v.pulled && <span className="pill">pulled</span>}
            </td>
            <td title={v.createdAt}>{new Date(v.createdAt).toLocaleString()}</td>
            {primary && <td className="num">{formatMetric(primary, v.metrics[primary])}</td>}
            <td>
              <code title={v.run}>{v.run.slice(0, 8)}</code>
            </td>
            <td>{v.dataset}</td>
            <td data-testid="version-digest">
              {v.digest ? (
                <code title={v.digest}>{shortDigest(v.digest)}</code>
              ) : (
                <span className="muted">not pushed</span>
              )}
            </td>
            <td className="wrap">
              {v.pushedRefs.length ? (
                v.pushedRefs.map((ref) => (
                  <code key={ref} className="ref" title={ref}>
                    {ref}
                  </code>
                ))
              ) : (
                <span className="muted">—</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
