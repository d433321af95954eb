/** The join's label table: a dataset of the workspace and one of its versions (the latest to start with). */
import { useFeatures } from '../app-stores';

export function JoinLabelsFields({ datasets }: { datasets: string[] }) {
  const join = useFeatures((s) => s.join);
  const features = useFeatures.getState();
  return (
    <div className="feature-set-row">
      <label className="clean-field">
        <span className="field-label">Label table</span>
        <select
          aria-label="Label dataset"
          value={join.labelsDataset}
          onChange={(e) => void features.chooseLabels(e.target.value)}
        >
          <option value="">Choose…</option>
          {datasets.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="clean-field">
        <span className="field-label">Version</span>
        <select
          aria-label="Label version"
          value={join.labels?.id ?? ''}
          disabled={join.labelVersions.length === 0}
          onChange={(e) => void features.chooseLabels(join.labelsDataset, e.target.value)}
        >
          {join.labelVersions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.number} ({v.rows.toLocaleString()} rows)
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
