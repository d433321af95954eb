/**
 * A version's card: its metrics, lineage, where it was pushed (with the digest), its
 * signature, the model card text, Push… and "Compare with…" another version.
 */
import { useState } from 'react';
import type { ModelSummary, ModelVersionDetail } from '../../shared/bundles';
import { useRegistry } from '../app-stores';
import { formatBytes } from '../shell/format';
import { Lineage } from './Lineage';
import { MetricsTable } from './MetricsTable';
import { ModelCardText } from './ModelCardText';
import { PushDialog } from './PushDialog';
import { SignatureTable } from './SignatureTable';
import { VersionDiff } from './VersionDiff';

export function VersionCard({ model, detail }: { model: ModelSummary; detail: ModelVersionDetail }) {
  const { diff, compare, lastPush, transfer } = useRegistry();
  const [pushing, setPushing] = useState(false);
  const others = model.versions.filter((v) => v.version !== detail.version);
  return (
    <section className="version-card" data-testid="version-card">
      <header className="view-header">
        <h2>
          {detail.model} <span className="version">{detail.version}</span>
        </h2>
        <span className="grow" />
        {others.length > 0 && (
          <select
            aria-label="Compare with"
            value={diff?.from ?? ''}
            onChange={(e) => void compare(e.target.value || null)}
          >
            <option value="">Compare with…</option>
            {others.map((v) => (
              <option key={v.version} value={v.version}>
                {v.version}
              </option>
            ))}
          </select>
        )}
        <button
          type="button"
          className="primary"
          disabled={transfer !== null}
          onClick={() => setPushing(true)}
        >
          Push…
        </button>
      </header>
      {lastPush && (
        <p className="pushed" data-testid="last-push">
          Pushed to <code>{lastPush.reference}</code> as <code>{lastPush.digest}</code> (
          {formatBytes(lastPush.bytes)}, {lastPush.skipped} blobs already there)
        </p>
      )}
      {diff && <VersionDiff diff={diff} />}
      <div className="card-grid">
        <div>
          <h3>Metrics</h3>
          <MetricsTable metrics={detail.summary.metrics} primary={detail.summary.primaryMetric} />
          <h3>Lineage</h3>
          <Lineage detail={detail} />
        </div>
        <div>
          <h3>Signature</h3>
          <SignatureTable signature={detail.signature} />
        </div>
      </div>
      <h3>Model card</h3>
      <ModelCardText text={detail.card} />
      {pushing && (
        <PushDialog model={detail.model} version={detail.version} onClose={() => setPushing(false)} />
      )}
    </section>
  );
}
