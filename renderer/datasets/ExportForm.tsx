/**
 * Export a version to a file on the machine running the engine, as CSV or Parquet (from
 * the extension). The desktop app chooses the path with its native save dialog; browser
 * mode has no dialog and no download route yet, so "Choose…" there puts the caret in the
 * path and says that it is an absolute path on that machine.
 */
import { useRef, useState } from 'react';
import type { DatasetVersion } from '../../shared/datasets';
import { api, messageOf } from '../api/client';
import { useWorkspace } from '../app-stores';
import { reportError } from '../shell/toast-store';
import { versionLabel } from './version-label';

/** Beside the workspace's data: an absolute path the engine accepts as it is. */
function defaultPath(folder: string | undefined, version: DatasetVersion): string {
  const file = `${version.dataset}-v${version.number}.parquet`;
  if (!folder) return file;
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return `${folder.replace(/[\\/]+$/, '')}${separator}${file}`;
}

export function ExportForm({ version, onDone }: { version: DatasetVersion; onDone: () => void }) {
  const folder = useWorkspace((s) => s.info?.path);
  const native = useWorkspace((s) => s.app?.nativeDialogs ?? false);
  const [path, setPath] = useState(() => defaultPath(folder, version));
  const [error, setError] = useState<string | null>(null);
  const [hint, setHint] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const format = path.toLowerCase().endsWith('.csv') ? 'csv' : 'parquet';
  const start = async () => {
    try {
      await api.call('datasets.export', { version: version.id, format, path });
      onDone();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const choose = async () => {
    if (!native) {
      setHint(true);
      const field = input.current;
      field?.focus();
      // Select the file name, the part people usually change.
      field?.setSelectionRange(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1, path.length);
      return;
    }
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
        <input ref={input} aria-label="Export path" value={path} onChange={(e) => setPath(e.target.value)} />
      </label>
      <button type="button" onClick={() => void choose()}>
        Choose…
      </button>
      <span className="muted">as {format.toUpperCase()} (from the extension)</span>
      <button type="submit" className="primary">
        Export
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
      {(hint || !native) && (
        <span className="muted small" data-testid="export-hint">
          {hint ? 'Type the file’s full path: ' : ''}an absolute path on the machine running Assay (browser
          mode has no save dialog); .csv or .parquet.
        </span>
      )}
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
