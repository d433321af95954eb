/**
 * The label table's columns the join matches on: one per key of the sets' entity, in the
 * sets' key order, and the time each label row is taken at. A label column named as the
 * set's is chosen to start with.
 */
import { useFeatures } from '../app-stores';

export function JoinKeyFields() {
  const join = useFeatures((s) => s.join);
  const sets = useFeatures((s) => s.sets);
  const features = useFeatures.getState();
  const first = sets.find((s) => s.name === join.sets[0]?.name);
  const columns = join.labels?.columns ?? [];
  const options = columns.map((c) => (
    <option key={c.name} value={c.name}>
      {c.name}
    </option>
  ));
  if (!first || !join.labels) {
    return (
      <p className="muted small">Choose the label table and a set, then the label columns to match on.</p>
    );
  }
  return (
    <div className="feature-set-row">
      {first.latest.entity.map((key, k) => (
        <label key={key} className="clean-field">
          <span className="field-label">
            Entity: <code>{key}</code> is
          </span>
          <select
            aria-label={`Label column for ${key}`}
            value={join.entity[k] ?? ''}
            onChange={(e) =>
              features.editJoin({
                entity: first.latest.entity.map((_c, i) =>
                  i === k ? e.target.value : (join.entity[i] ?? ''),
                ),
              })
            }
          >
            <option value="">Choose…</option>
            {options}
          </select>
        </label>
      ))}
      <label className="clean-field">
        <span className="field-label">Label time</span>
        <select
          aria-label="Label time column"
          value={join.timeColumn}
          onChange={(e) => features.editJoin({ timeColumn: e.target.value })}
        >
          <option value="">Choose…</option>
          {options}
        </select>
      </label>
    </div>
  );
}
