/** The dataset and version picker at the top, shared by every view. */
import { useDatasets } from '../app-stores';
import { versionLabel } from '../datasets/version-label';
import { formatCount } from './format';

export function DatasetPicker() {
  const { list, openDataset, versions, version } = useDatasets();
  return (
    <div className="dataset-picker">
      <span className="muted">Dataset</span>
      <select
        aria-label="Dataset"
        value={openDataset ?? ''}
        disabled={list.length === 0}
        onChange={(e) => void useDatasets.getState().open(e.target.value || null)}
      >
        {list.length === 0 ? <option value="">No datasets yet</option> : <option value="">Choose…</option>}
        {list.map((d) => (
          <option key={d.name} value={d.name}>
            {d.name}
          </option>
        ))}
      </select>
      {openDataset && versions.length > 0 && (
        <select
          aria-label="Version"
          value={version?.id ?? ''}
          onChange={(e) => useDatasets.getState().selectVersion(e.target.value)}
        >
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {versionLabel(v)} · {formatCount(v.rows)} rows
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
