/** The rows an import skipped, with the line, column and reason for each. */
import { useEffect, useMemo, useState } from 'react';
import type { ColumnInfo, DatasetVersion } from '../../shared/datasets';
import { api } from '../api/client';
import { formatCount } from '../shell/format';
import { reportError } from '../shell/toast-store';
import { decodePage, type CellValue } from './arrow-page';
import { DataGrid } from './DataGrid';
import { staticGridData } from './static-grid-data';

interface Rejects {
  columns: ColumnInfo[];
  rows: CellValue[][];
  total: number;
}

export function RejectedRows({ version }: { version: DatasetVersion }) {
  const [page, setPage] = useState<Rejects | null>(null);
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
  const data = useMemo(() => staticGridData(page?.rows ?? []), [page]);
  if (!page) return null;
  return (
    <div className="rejects" data-testid="rejected-rows">
      <p className="muted small">
        {page.total > page.rows.length
          ? `The first ${formatCount(page.rows.length)} of ${formatCount(page.total)} rejected rows`
          : 'Rejected rows'}
      </p>
      <DataGrid columns={page.columns} data={data} testId="rejects-grid" />
    </div>
  );
}
