/** The catalogue: every dataset with its versions, size and tags; open, rename, tag, delete. */
import { EmptyState } from '../shell/EmptyState';
import { useDatasets } from '../app-stores';
import { CatalogueRow } from './CatalogueRow';

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
