/**
 * One dataset version: its lineage line, the grid with server-side sort and filters,
 * export, and the SQL console docked below.
 */
import { useEffect, useState } from 'react';
import type { ColumnInfo, ColumnInsight, DatasetVersion, Filter, SortKey } from '../../shared/datasets';
import { api, messageOf } from '../api/client';
import { formatBytes, formatCount, formatDuration } from '../shell/format';
import { reportError } from '../shell/toast-store';
import { decodePage, type CellValue } from './arrow-page';
import { DataGrid } from './DataGrid';
import { useDatasets } from '../app-stores';
import { versionLabel } from './version-label';
import { useGridPages } from './grid-pages';
import { SqlConsole } from './SqlConsole';
import { staticGridData } from './static-grid-data';

export function DatasetDetail({ version, onBack }: { version: DatasetVersion; onBack: () => void }) {
  const [sort, setSort] = useState<SortKey[]>([]);
  const [filters, setFilters] = useState<Filter[]>([]);
  const [insights, setInsights] = useState<ColumnInsight[] | undefined>();
  const [consoleOpen, setConsoleOpen] = useState(true);
  const [exporting, setExporting] = useState(false);
  const [showRejects, setShowRejects] = useState(false);
  const data = useGridPages(version.id, sort, filters);

  useEffect(() => {
    let current = true;
    api.call('datasets.insights', { version: version.id }).then(
      (result) => current && setInsights(result),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [version.id]);

  return (
    <div className="dataset-detail">
      <header className="view-header">
        <button type="button" className="ghost" onClick={onBack} aria-label="Back to the catalogue">
          ← Datasets
        </button>
        <h1>
          {version.dataset} <span className="muted">@{version.number}</span>
        </h1>
        <span className="muted" data-testid="row-count">
          {data.totalRows !== null && filters.length > 0
            ? `${formatCount(data.totalRows)} of ${formatCount(version.rows)} rows`
            : `${formatCount(version.rows)} rows`}{' '}
          · {formatCount(version.columns.length)} columns · {formatBytes(version.sizeBytes)}
        </span>
        <div className="grow" />
        <button type="button" onClick={() => setExporting(true)}>
          Export…
        </button>
        <button type="button" className="ghost" onClick={() => setConsoleOpen((o) => !o)}>
          {consoleOpen ? 'Hide SQL' : 'SQL'}
        </button>
      </header>
      <p className="lineage muted small">{describeLineage(version)}</p>
      {version.rejectedRows > 0 && (
        <p className="banner warn">
          {formatCount(version.rejectedRows)} row{version.rejectedRows === 1 ? ' was' : 's were'} skipped as
          unparseable at import.{' '}
          <button type="button" className="link" onClick={() => setShowRejects((s) => !s)}>
            {showRejects ? 'Hide them' : 'Show them'}
          </button>
        </p>
      )}
      {showRejects && <RejectedRows version={version} />}
      {exporting && <ExportForm version={version} onDone={() => setExporting(false)} />}
      <div className="grid-area">
        <DataGrid
          columns={version.columns}
          data={data}
          insights={insights}
          sort={sort}
          filters={filters}
          onSortChange={setSort}
          onFiltersChange={setFilters}
          onRetype={(column, type) =>
            void api
              .call('datasets.retype', { version: version.id, changes: { [column]: type } })
              .then(({ jobId }) => useDatasets.getState().openWhenDone(jobId), reportError)
          }
        />
      </div>
      {consoleOpen && <SqlConsole key={version.dataset} defaultTable={version.dataset} />}
    </div>
  );
}

function ExportForm({ version, onDone }: { version: DatasetVersion; onDone: () => void }) {
  const [path, setPath] = useState(`${version.dataset}-v${version.number}.parquet`);
  const [error, setError] = useState<string | null>(null);
  const format = path.toLowerCase().endsWith('.csv') ? 'csv' : 'parquet';
  const start = async () => {
    try {
      await api.call('datasets.export', { version: version.id, format, path });
      onDone();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const browse = async () => {
    try {
      const { paths } = await api.call('dialog.save', { title: 'Export dataset', defaultPath: path });
      if (paths[0]) setPath(paths[0]);
    } catch (e) {
      reportError(e);
    }
  };
  return (
    <form
      className="export-form row"
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <label>
        Export {versionLabel(version)} to
        <input aria-label="Export path" value={path} onChange={(e) => setPath(e.target.value)} />
      </label>
      <button type="button" onClick={() => void browse()}>
        Choose…
      </button>
      <span className="muted">as {format.toUpperCase()} (from the extension)</span>
      <button type="submit" className="primary">
        Export
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}

function describeLineage(version: DatasetVersion): string {
  const lineage = version.lineage;
  const when = new Date(version.createdAt).toLocaleString();
  switch (lineage.kind) {
    case 'import':
      return `Imported ${when} from ${lineage.sources.map((s) => `${s.path} (${formatBytes(s.sizeBytes)}, sha256 ${s.fingerprint.slice(0, 12)}…)`).join(', ')} as ${lineage.format.toUpperCase()} in ${formatDuration(lineage.durationMs)}.`;
    case 'sql':
      return `Saved ${when} from SQL: ${lineage.sql.replace(/\s+/g, ' ').slice(0, 200)}`;
    case 'retype':
      return `Retyped ${when} from ${lineage.parent}: ${Object.entries(lineage.changes)
        .map(([c, t]) => `${c} → ${t}`)
        .join(', ')}.`;
  }
}

/** The rows an import skipped, with the line, column and reason for each. */
function RejectedRows({ version }: { version: DatasetVersion }) {
  const [page, setPage] = useState<{ columns: ColumnInfo[]; rows: CellValue[][]; total: number } | null>(
    null,
  );
  useEffect(() => {
    let live = true;
    api.call('datasets.rejects', { version: version.id, offset: 0, limit: 1000 }).then((result) => {
      if (!live) return;
      const decoded = decodePage(result.page);
      setPage({
        columns: decoded.columns.map((c) => ({ name: c.name, type: c.arrowType })),
        rows: decoded.rows,
        total: result.totalRows,
      });
    }, reportError);
    return () => {
      live = false;
    };
  }, [version.id]);
  if (!page) return null;
  return (
    <div className="rejects" data-testid="rejected-rows">
      <p className="muted small">
        {page.total > page.rows.length
          ? `The first ${formatCount(page.rows.length)} of ${formatCount(page.total)} rejected rows`
          : 'Rejected rows'}
      </p>
      <DataGrid columns={page.columns} data={staticGridData(page.rows)} testId="rejects-grid" />
    </div>
  );
}
