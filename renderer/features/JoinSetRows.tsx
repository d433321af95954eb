/** The feature sets of a join, one row each, and a picker adding another set of the catalogue. */
import { useFeatures } from '../app-stores';
import { JoinSetRow } from './JoinSetRow';

export function JoinSetRows() {
  const chosen = useFeatures((s) => s.join.sets);
  const sets = useFeatures((s) => s.sets);
  const features = useFeatures.getState();
  const left = sets.filter((s) => !chosen.some((c) => c.name === s.name));
  return (
    <fieldset className="join-sets">
      <legend className="field-label">Feature sets</legend>
      {chosen.length > 0 && (
        <ul>
          {chosen.map((choice, index) => (
            <JoinSetRow
              key={choice.name}
              choice={choice}
              index={index}
              summary={sets.find((s) => s.name === choice.name)}
            />
          ))}
        </ul>
      )}
      {chosen.length > 0 && (
        <p className="muted small">
          A time-to-live typed here replaces the set’s for this join: 30d, 12h, 90m, or none.
        </p>
      )}
      {sets.length === 0 ? (
        <p className="muted small">No feature sets yet: save one in the Feature sets tab first.</p>
      ) : (
        left.length > 0 && (
          <select
            aria-label="Add a feature set"
            value=""
            onChange={(e) => features.addJoinSet(e.target.value)}
          >
            <option value="">{chosen.length === 0 ? 'Add a feature set…' : 'Add another set…'}</option>
            {left.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}@{s.latest.version} · by {s.latest.entity.join(', ')} at {s.latest.timeColumn}
              </option>
            ))}
          </select>
        )
      )}
    </fieldset>
  );
}
