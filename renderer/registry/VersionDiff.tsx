/** Two versions of a model side by side: metrics with their change, signature changes, params that differ. */
import type { BundleDiff } from '../../shared/bundles';
import { formatMetric, higherIsBetter, METRIC_LABELS } from '../../shared/metrics';
import type { ParamValue } from '../../shared/training';
import { SignatureChanges } from './SignatureChanges';

const paramText = (value: ParamValue | undefined) =>
  value === undefined ? '—' : Array.isArray(value) ? value.join(', ') : String(value);

export function VersionDiff({ diff }: { diff: BundleDiff }) {
  const { signature } = diff;
  return (
    <section className="version-diff" data-testid="version-diff">
      <h3>
        {diff.from} → {diff.to}
      </h3>
      <table className="data-table compact">
        <thead>
          <tr>
            <th>Metric</th>
            <th>{diff.from}</th>
            <th>{diff.to}</th>
            <th>Change</th>
          </tr>
        </thead>
        <tbody>
          {diff.metrics.map((m) => {
            const better = m.delta !== undefined && m.delta !== 0 && m.delta > 0 === higherIsBetter(m.metric);
            return (
              <tr key={m.metric}>
                <th>{METRIC_LABELS[m.metric]}</th>
                <td className="num">{formatMetric(m.metric, m.from)}</td>
                <td className="num">{formatMetric(m.metric, m.to)}</td>
                <td className={`num ${m.delta ? (better ? 'better' : 'worse') : ''}`}>
                  {m.delta === undefined
                    ? '—'
                    : `${m.delta > 0 ? '+' : ''}${formatMetric(m.metric, m.delta)}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h4>Signature</h4>
      <SignatureChanges signature={signature} />
      <h4>Parameters</h4>
      {diff.params.length === 0 ? (
        <p className="muted">Same parameters.</p>
      ) : (
        <table className="data-table compact">
          <tbody>
            {diff.params.map((p) => (
              <tr key={p.name}>
                <th>
                  <code>{p.name}</code>
                </th>
                <td>{paramText(p.from)}</td>
                <td>{paramText(p.to)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
