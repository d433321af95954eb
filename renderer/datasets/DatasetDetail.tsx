/**
 * One dataset version: its lineage line, the grid with server-side sort and filters,
 * export, and the SQL console docked below.
 */
import { useEffect, useState } from 'react';
import type { ColumnInsight, DatasetVersion, Filter, SortKey } from '../../shared/datasets';
import { api } from '../api/client';
import { useDatasets } from '../app-stores';
import { formatBytes, formatCount } from '../shell/format';
import { reportError } from '../shell/toast-store';
import { DataGrid } from './DataGrid';
import { ExportForm } from './ExportForm';
import { useGridPages } from './grid-pages';
import { describeLineage, lineageParents } from './lineage';
import { RejectedRows } from './RejectedRows';
import { SqlConsole } from './SqlConsole';
import { useVersionLabels } from './use-version-labels';

export function DatasetDetail({ version, onBack }: { version: DatasetVersion; onBack: () => void }) {
  const [sort, setSort] = useState<SortKey[]>([]);
  const [filters, setFilters] = useState<Filter[]>([]);
  const [insights, setInsights] = useState<ColumnInsight[] | undefined>();
  const [consoleOpen, setConsoleOpen] = useState(true);
  const [exporting, setExporting] = useState(false);
  const [showRejects, setShowRejects] = useState(false);
  const data = useGridPages(version.id, sort, filters);
  const labelOf = useVersionLabels(lineageParents(version.lineage));

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
      <p className="lineage muted small" data-testid="lineage">
        {describeLineage(version, labelOf)}
      </p>
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
