/**
 * One feature set version: its definition, its lineage (source version → feature steps →
 * the version holding its rows), its features, the runs and bundles that used the set,
 * "Join labels…", which takes it to the Join tab, and "Train on it", which opens the set's
 * rows in Train with its features chosen.
 */
import type { FeatureSetVersion } from '../../shared/features/feature-sets';
import { formatCount } from '../../shared/format';
import { useFeatures } from '../app-stores';
import { FeatureSetLineage } from './FeatureSetLineage';
import { FeatureSetUsageTables } from './FeatureSetUsageTables';
import { openInTrain } from './open-in-train';

/** The set's rows in Train with its features chosen (not its entity and time columns). */
function trainOn(set: FeatureSetVersion): void {
  openInTrain({ ...set.materialised, features: set.features.map((f) => f.name) });
}

/** The Join tab with this set version among the sets to join. */
function joinTo(set: FeatureSetVersion): void {
  const features = useFeatures.getState();
  features.addJoinSet(set.name, set.version);
  features.setTab('join');
}

export function FeatureSetDetail({ set }: { set: FeatureSetVersion }) {
  const versions = useFeatures((s) => s.versions);
  const facts: Array<[string, string]> = [
    ['Entity', set.entity.join(', ')],
    ['Time column', set.timeColumn],
    ['Time-to-live', set.ttl ?? 'none'],
    [
      'Rows',
      `${formatCount(set.rows)}${set.tiedRows ? ` (${formatCount(set.tiedRows)} share an entity and a time)` : ''}`,
    ],
    ['Owner', set.owner || '—'],
    ['Tags', set.tags.join(', ') || '—'],
    ['Created', new Date(set.createdAt).toLocaleString()],
  ];
  return (
    <div className="feature-set-detail" data-testid="feature-set-detail">
      <header className="row">
        <h2 className="grow">
          {set.name}@{set.version}
        </h2>
        <label className="row small">
          <span className="muted">Version</span>
          <select
            aria-label="Feature set version"
            value={set.version}
            onChange={(e) => void useFeatures.getState().openSet(set.name, Number(e.target.value))}
          >
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                {v.version}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => joinTo(set)}>
          Join labels…
        </button>
        <button type="button" className="primary" onClick={() => trainOn(set)}>
          Train on {set.name}@{set.version}
        </button>
      </header>
      {set.description && <p>{set.description}</p>}
      <table className="data-table compact">
        <tbody>
          {facts.map(([label, value]) => (
            <tr key={label}>
              <th>{label}</th>
              <td className="wrap">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <FeatureSetLineage set={set} />
      <h3>Features ({set.features.length})</h3>
      <ul className="feature-set-features">
        {set.features.map((f) => (
          <li key={f.name}>
            <code>{f.name}</code> <span className="muted small">{f.type}</span>
          </li>
        ))}
      </ul>
      <FeatureSetUsageTables />
    </div>
  );
}
