/**
 * Import: choose files (native dialog in the desktop app, a path on the server in browser
 * mode, or dropped files), see the first rows exactly as they will be typed, adjust what
 * the sniffer guessed, then import as a job with progress and cancel.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ImportOptions, ImportPreview } from '../../shared/datasets';
import { api, messageOf } from '../api/client';
import { Dialog } from '../shell/Dialog';
import { formatBytes } from '../shell/format';
import { useDatasets, useWorkspace } from '../app-stores';
import { decodePage } from './arrow-page';
import { DataGrid } from './DataGrid';
import { COMMON_TYPES } from './duckdb-types';
import { staticGridData } from './static-grid-data';
import './import-dialog.css';

export function ImportDialog({ initialPaths, onClose }: { initialPaths: string[]; onClose: () => void }) {
  const app = useWorkspace((s) => s.app);
  const [pathsText, setPathsText] = useState(initialPaths.join('\n'));
  const [name, setName] = useState('');
  const [options, setOptions] = useState<ImportOptions>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const paths = useMemo(
    () =>
      pathsText
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean),
    [pathsText],
  );

  const runPreview = async (next: ImportOptions = options) => {
    if (paths.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.call('datasets.preview', { paths, options: next });
      setPreview(result);
      setOptions(result.options);
    } catch (e) {
      setPreview(null);
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    // Dropped files are previewed once on open (a call to the engine, not derived state);
    // later previews follow the person's edits.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (initialPaths.length > 0) void runPreview({});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const change = (patch: Partial<ImportOptions>) => {
    const next = { ...options, ...patch };
    setOptions(next);
    void runPreview(next);
  };

  const browse = async () => {
    try {
      const { paths: chosen } = await api.call('dialog.open', {
        kind: 'file',
        multiple: true,
        title: 'Import dataset',
        filters: [
          {
            name: 'Data files',
            extensions: [
              'csv',
              'tsv',
              'txt',
              'gz',
              'zst',
              'parquet',
              'json',
              'ndjson',
              'jsonl',
              'arrow',
              'feather',
              'ipc',
              'xlsx',
            ],
          },
          { name: 'All files', extensions: ['*'] },
        ],
      });
      if (chosen.length > 0) setPathsText(chosen.join('\n'));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const { jobId } = await api.call('datasets.import', {
        paths,
        options,
        ...(name.trim() ? { name: name.trim() } : {}),
      });
      useDatasets.getState().openWhenDone(jobId);
      onClose();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const decoded = useMemo(() => (preview ? decodePage(preview.page) : null), [preview]);
  const isCsv = preview?.format === 'csv';

  return (
    <Dialog title="Import dataset" onClose={onClose} wide>
      <label htmlFor="import-paths" className="field-label">
        File{paths.length > 1 ? 's' : ''} {app?.mode === 'browser' ? 'on the machine running Assay' : ''} (one
        per line; globs such as data/*.csv work)
      </label>
      <div className="row">
        <textarea
          id="import-paths"
          rows={Math.min(4, Math.max(1, paths.length))}
          value={pathsText}
          placeholder="/data/flights.csv"
          onChange={(e) => setPathsText(e.target.value)}
        />
        {app?.nativeDialogs && (
          <button type="button" onClick={() => void browse()}>
            Browse…
          </button>
        )}
        <button type="button" onClick={() => void runPreview()} disabled={busy || paths.length === 0}>
          Preview
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {preview && decoded && (
        <>
          <div className="import-options">
            <span className="pill">{preview.format.toUpperCase()}</span>
            <span className="muted">
              {preview.files.length} file{preview.files.length === 1 ? '' : 's'} ·{' '}
              {formatBytes(preview.totalBytes)} · {preview.columns.length} columns
            </span>
            {isCsv && (
              <>
                <label>
                  Delimiter
                  <select
                    value={options.delimiter ?? ','}
                    onChange={(e) => change({ delimiter: e.target.value })}
                  >
                    {[',', ';', '\t', '|', ' '].map((d) => (
                      <option key={d} value={d}>
                        {d === '\t' ? 'Tab' : d === ' ' ? 'Space' : d}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  <input
                    type="checkbox"
                    checked={options.header ?? true}
                    onChange={(e) => change({ header: e.target.checked })}
                  />{' '}
                  Header row
                </label>
                <label>
                  Decimal
                  <select
                    value={options.decimalSeparator ?? '.'}
                    onChange={(e) => change({ decimalSeparator: e.target.value as '.' | ',' })}
                  >
                    <option value=".">1.5</option>
                    <option value=",">1,5</option>
                  </select>
                </label>
                <label>
                  Dates
                  <input
                    className="narrow"
                    placeholder="auto"
                    defaultValue={options.dateFormat ?? ''}
                    onBlur={(e) =>
                      e.target.value !== (options.dateFormat ?? '') &&
                      change({ dateFormat: e.target.value || undefined })
                    }
                  />
                </label>
                <TextOption
                  label="Timestamps"
                  value={options.timestampFormat}
                  onChange={(v) => change({ timestampFormat: v })}
                />
                <TextOption
                  label="Quote"
                  value={options.quote}
                  narrow
                  onChange={(v) => change({ quote: v })}
                />
                <TextOption
                  label="Escape"
                  value={options.escape}
                  narrow
                  onChange={(v) => change({ escape: v })}
                />
                <label>
                  Encoding
                  <select
                    value={options.encoding ?? 'utf-8'}
                    onChange={(e) => change({ encoding: e.target.value })}
                  >
                    <option value="utf-8">UTF-8</option>
                    <option value="utf-16">UTF-16</option>
                    <option value="latin-1">Latin-1</option>
                  </select>
                </label>
              </>
            )}
            <label>
              <input
                type="checkbox"
                checked={options.skipBadRows ?? false}
                onChange={(e) => change({ skipBadRows: e.target.checked })}
              />{' '}
              Skip bad rows (kept aside and counted)
            </label>
          </div>
          <div className="type-overrides" aria-label="Column types">
            {preview.columns.map((c) => (
              <label key={c.name} className="type-override">
                <span className="truncate" title={c.name}>
                  {c.name}
                </span>
                <select
                  value={options.columnTypes?.[c.name] ?? c.type}
                  onChange={(e) =>
                    change({ columnTypes: { ...options.columnTypes, [c.name]: e.target.value } })
                  }
                >
                  {[...new Set([c.type, ...COMMON_TYPES])].map((t) => (
                    <option key={t}>{t}</option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <div className="preview-grid">
            <DataGrid columns={preview.columns} data={staticGridData(decoded.rows)} testId="import-preview" />
          </div>
        </>
      )}
      <div className="dialog-actions">
        <label className="grow">
          Dataset name
          <input value={name} placeholder="from the file name" onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || paths.length === 0}
          onClick={() => void start()}
        >
          Import
        </button>
      </div>
    </Dialog>
  );
}

/** A sniffed text option the person may override; empty means "let the sniffer decide". */
function TextOption(props: {
  label: string;
  value: string | undefined;
  narrow?: boolean;
  onChange: (value: string | undefined) => void;
}) {
  return (
    <label>
      {props.label}
      <input
        className={props.narrow ? 'tiny' : 'narrow'}
        placeholder="auto"
        maxLength={props.narrow ? 1 : 60}
        defaultValue={props.value ?? ''}
        onBlur={(e) => e.target.value !== (props.value ?? '') && props.onChange(e.target.value || undefined)}
      />
    </label>
  );
}
