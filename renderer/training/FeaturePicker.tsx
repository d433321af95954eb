/**
 * Step 3 of the Train form: the feature columns, each with the profile's alerts that
 * argue against using it (ID-like, leakage, constant), when the version was profiled, and
 * the engine's reason for leaving a near-unique text column out by default.
 */
import { useTrain } from '../app-stores';

const SHOWN_ALERTS = ['ID_LIKE', 'TARGET_LEAKAGE', 'CONSTANT', 'HIGH_CORRELATION', 'MISSING'];

export function FeaturePicker({ columns }: { columns: string[] }) {
  const { features, alerts, targetInfo, set } = useTrain();
  const leftOut = new Map((targetInfo?.excludedFeatures ?? []).map((e) => [e.column, e.reason]));
  const toggle = (c: string) =>
    set({ features: features.includes(c) ? features.filter((f) => f !== c) : [...features, c] });
  return (
    <section className="form-step">
      <h2>
        3 · Features{' '}
        <span className="muted small">
          {features.length} of {columns.length}
        </span>
      </h2>
      <div className="row small">
        <button type="button" className="ghost" onClick={() => set({ features: columns })}>
          All
        </button>
        <button type="button" className="ghost" onClick={() => set({ features: [] })}>
          None
        </button>
        {Object.keys(alerts).length === 0 && (
          <span className="muted">Profile this version to see alerts (ID-like, leakage, constant) here.</span>
        )}
      </div>
      <div className="feature-list">
        {columns.map((c) => (
          <label
            key={c}
            className="feature"
            title={[leftOut.get(c), ...(alerts[c] ?? []).map((a) => a.message)].filter(Boolean).join('\n')}
          >
            <input type="checkbox" checked={features.includes(c)} onChange={() => toggle(c)} />
            <span className="truncate">{c}</span>
            {leftOut.has(c) && <span className="alert-chip ID_LIKE">LEFT OUT</span>}
            {(alerts[c] ?? [])
              .filter((a) => SHOWN_ALERTS.includes(a.type))
              .slice(0, 2)
              .map((a) => (
                <span key={a.type} className={`alert-chip ${a.type}`}>
                  {a.type === 'TARGET_LEAKAGE' ? 'LEAKAGE' : a.type}
                </span>
              ))}
          </label>
        ))}
      </div>
    </section>
  );
}
