/** The catalogue: every dataset with its versions, size and tags; open, rename, tag, delete. */
import { useState } from 'react';
import type { DatasetSummary } from '../../shared/datasets';
import { EmptyState } from '../shell/EmptyState';
import { formatBytes, formatCount } from '../shell/format';
import { useDatasets } from '../app-stores';

export function Catalogue({ onImport }: { onImport: () => void }) {
  const { list, loaded } = useDatasets();
  if (loaded && list.length === 0) {
    return (
      <EmptyState title="No datasets yet" icon="▤">
        <p>
          Import a CSV, TSV, Parquet, JSON, Arrow or Excel file. Each import becomes an immutable version with
          its lineage.
        </p>
        <p>
          <button type="button" className="primary" onClick={onImport}>
            Import dataset…
          </button>
        </p>
        <p className="small">
          Drop files anywhere on the window, or run <code>assay import FILE</code>.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="catalogue">
      <header className="view-header">
        <h1>Datasets</h1>
        <button type="button" className="primary" onClick={onImport}>
          Import dataset…
        </button>
      </header>
      <table className="data-table" aria-label="Datasets">
        <thead>
          <tr>
            <th>Name</th>
            <th className="num">Versions</th>
            <th className="num">Rows</th>
            <th className="num">Columns</th>
            <th className="num">Size</th>
            <th>Created</th>
            <th>Tags</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {list.map((d) => (
            <CatalogueRow key={d.name} dataset={d} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CatalogueRow({ dataset }: { dataset: DatasetSummary }) {
  const store = useDatasets.getState();
  const [editing, setEditing] = useState<'rename' | 'tags' | 'delete' | null>(null);
  const [value, setValue] = useState('');
  const latest = dataset.latest;
  return (
    <tr data-testid="dataset-row">
      <td>
        {editing === 'rename' ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void store.rename(dataset.name, value).then(() => setEditing(null));
            }}
          >
            <input
              autoFocus
              aria-label="New name"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              onBlur={() => setEditing(null)}
            />
          </form>
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
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const tags = value
                .split(',')
                .map((t) => t.trim())
                .filter(Boolean);
              void store.setTags(dataset.name, tags).then(() => setEditing(null));
            }}
          >
            <input
              autoFocus
              aria-label="Tags, separated by commas"
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          </form>
        ) : (
          dataset.tags.map((t) => (
            <span key={t} className="pill">
              {t}
            </span>
          ))
        )}
      </td>
      <td className="actions">
        {editing === 'delete' ? (
          <span className="confirm">
            Delete {dataset.name} and its {dataset.versionCount} version
            {dataset.versionCount === 1 ? '' : 's'}?{' '}
            <button type="button" className="danger" onClick={() => void store.remove(dataset.name)}>
              Delete
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              Keep
            </button>
          </span>
        ) : (
          <>
            <button
              type="button"
              className="ghost"
              onClick={() => (setValue(dataset.name), setEditing('rename'))}
            >
              Rename
            </button>
            <button
              type="button"
              className="ghost"
              onClick={() => (setValue(dataset.tags.join(', ')), setEditing('tags'))}
            >
              Tags
            </button>
            <button type="button" className="ghost danger" onClick={() => setEditing('delete')}>
              Delete
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
