/**
 * What the import will read: format and size, the reader's options, a note naming the
 * first bad line when the file only reads with "Skip bad rows", a type per column, and
 * the first rows exactly as they will be typed.
 */
import { useMemo } from 'react';
import type { ImportOptions, ImportPreview } from '../../shared/datasets';
import { formatBytes } from '../shell/format';
import { decodePage } from './arrow-page';
import { CsvOptions } from './CsvOptions';
import { DataGrid } from './DataGrid';
import { COMMON_TYPES } from './duckdb-types';
import { staticGridData } from './static-grid-data';

interface Props {
  preview: ImportPreview;
  options: ImportOptions;
  change(patch: Partial<ImportOptions>): void;
}

export function ImportPreviewPanel({ preview, options, change }: Props) {
  const decoded = useMemo(() => decodePage(preview.page), [preview]);
  const data = useMemo(() => staticGridData(decoded.rows), [decoded]);
  return (
    <>
      <div className="import-options">
        <span className="pill">{preview.format.toUpperCase()}</span>
        <span className="muted">
          {preview.files.length} file{preview.files.length === 1 ? '' : 's'} ·{' '}
          {formatBytes(preview.totalBytes)} · {preview.columns.length} columns
        </span>
        {preview.format === 'csv' && <CsvOptions options={options} change={change} />}
        <label>
          <input
            type="checkbox"
            checked={options.skipBadRows ?? false}
            onChange={(e) => change({ skipBadRows: e.target.checked })}
          />{' '}
          Skip bad rows (kept aside and counted)
        </label>
      </div>
      {preview.badRows && !options.skipBadRows && (
        <p className="banner warn" role="alert" data-testid="bad-rows">
          {preview.badRows.message} The preview shows the rows that read.
        </p>
      )}
      <div className="type-overrides" aria-label="Column types">
        {preview.columns.map((c) => (
          <label key={c.name} className="type-override">
            <span className="truncate" title={c.name}>
              {c.name}
            </span>
            <select
              value={options.columnTypes?.[c.name] ?? c.type}
              onChange={(e) => change({ columnTypes: { ...options.columnTypes, [c.name]: e.target.value } })}
            >
              {[...new Set([c.type, ...COMMON_TYPES])].map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <div className="preview-grid">
        <DataGrid columns={preview.columns} data={data} testId="import-preview" />
      </div>
    </>
  );
}
