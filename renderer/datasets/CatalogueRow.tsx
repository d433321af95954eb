/** One dataset in the catalogue: open it, rename it or tag it in place, delete it. */
import { useState } from 'react';
import type { DatasetSummary } from '../../shared/datasets';
import { useDatasets } from '../app-stores';
import { formatBytes, formatCount } from '../shell/format';
import { CatalogueActions } from './CatalogueActions';
import { InlineTextForm } from './InlineTextForm';

export function CatalogueRow({ dataset }: { dataset: DatasetSummary }) {
  const store = useDatasets.getState();
  const [editing, setEditing] = useState<'rename' | 'tags' | 'delete' | null>(null);
  const latest = dataset.latest;
  const done = () => setEditing(null);
  return (
    <tr data-testid="dataset-row">
      <td>
        {editing === 'rename' ? (
          <InlineTextForm
            label="New name"
            initial={dataset.name}
            onSubmit={(value) => void store.rename(dataset.name, value).then(done)}
            onCancel={done}
          />
        ) : (
          <button type="button" className="link" onClick={() => void store.open(dataset.name)}>
            {dataset.name}
          </button>
        )}
      </td>
      <td className="num">{formatCount(dataset.versionCount)}</td>
      <td className="num">{formatCount(latest.rows)}</td>
      <td className="num">{formatCount(latest.columns.length)}</td>
      <td className="num">{formatBytes(latest.sizeBytes)}</td>
      <td title={dataset.createdAt}>{new Date(dataset.createdAt).toLocaleString()}</td>
      <td>
        {editing === 'tags' ? (
          <InlineTextForm
            label="Tags, separated by commas"
            initial={dataset.tags.join(', ')}
            onSubmit={(value) => void store.setTags(dataset.name, splitTags(value)).then(done)}
          />
        ) : (
          dataset.tags.map((t) => (
            <span key={t} className="pill">
              {t}
            </span>
          ))
        )}
      </td>
      <td className="actions">
        <CatalogueActions
          dataset={dataset}
          confirming={editing === 'delete'}
          onEdit={setEditing}
          onDelete={() => void store.remove(dataset.name)}
        />
      </td>
    </tr>
  );
}

function splitTags(text: string): string[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}
