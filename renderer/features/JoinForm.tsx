/**
 * The point-in-time join's form: the label table, the feature sets, the label's entity and
 * time columns, a prefix and the training table's name, with the one sentence saying what
 * is still missing. The semantics are spelt out once above it, since they decide which
 * values each label row gets.
 */
import { useDatasets, useFeatures } from '../app-stores';
import { JoinKeyFields } from './JoinKeyFields';
import { JoinLabelsFields } from './JoinLabelsFields';
import { JoinSetRows } from './JoinSetRows';
import { joinRequest } from './join-slice';

export function JoinForm() {
  const { join, joining } = useFeatures();
  const datasets = useDatasets((s) => s.list);
  const features = useFeatures.getState();
  const { missing } = joinRequest(join);
  return (
    <form
      className="clean-form join-form"
      aria-label="Point-in-time join"
      onSubmit={(e) => {
        e.preventDefault();
        void features.runJoin().then((made) => made && void useDatasets.getState().load());
      }}
    >
      <h3>Join labels to feature sets</h3>
      <p className="muted small" data-testid="join-semantics">
        Each label row takes, from each set, the latest feature values recorded at or before its time and no
        older than the set’s time-to-live; of rows recorded at the same instant, the last one counts. Label
        rows with no such values are kept, with empty features.
      </p>
      <JoinLabelsFields datasets={datasets.map((d) => d.name)} />
      <JoinSetRows />
      <JoinKeyFields />
      <label className="row small join-prefix">
        <input
          type="checkbox"
          checked={join.prefix}
          onChange={(e) => features.editJoin({ prefix: e.target.checked })}
        />
        <span>
          Name feature columns <code>set__feature</code> (when a feature’s name is taken)
        </span>
      </label>
      <label className="clean-field">
        <span className="field-label">Training table name</span>
        <input
          aria-label="Training table name"
          value={join.name}
          onChange={(e) => features.editJoin({ name: e.target.value })}
        />
      </label>
      {missing && <p className="muted small">{missing}</p>}
      <div className="row">
        <button type="submit" className="primary" disabled={missing !== null || joining !== null}>
          Join
        </button>
      </div>
    </form>
  );
}
