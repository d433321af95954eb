/**
 * Export a version as CSV or Parquet (from the extension). The desktop app writes to a
 * path chosen with its native save dialog. In browser mode the page may be on another
 * machine, so a path there means nothing to the person: the engine writes into the
 * workspace's exports/ folder and the browser downloads the file from the server.
 */
import { useRef, useState } from 'react';
import type { DatasetVersion } from '../../shared/datasets';
import { runJob } from '../../shared/run-job';
import { api, messageOf } from '../api/client';
import { useWorkspace } from '../app-stores';
import { reportError } from '../shell/toast-store';
import { versionLabel } from './version-label';

function fileNameOf(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** Where the engine writes a browser-mode export: the workspace's exports/ folder. */
function exportsPath(folder: string | undefined, name: string): string {
  const separator = folder?.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return `${(folder ?? '').replace(/[\\/]+$/, '')}${separator}exports${separator}${name}`;
}

/** The server serves files of the exports/ folder by name, behind the same token check. */
function downloadExport(name: string): void {
  const link = document.createElement('a');
  link.href = `./exports/${encodeURIComponent(name)}`;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
}

/** Desktop: write to the chosen path. Browser mode: write into exports/, then download. */
async function exportVersion(
  native: boolean,
  folder: string | undefined,
  version: DatasetVersion,
  format: 'csv' | 'parquet',
  path: string,
): Promise<void> {
  if (native) {
    await api.call('datasets.export', { version: version.id, format, path });
    return;
  }
  const name = fileNameOf(path);
  await runJob(api, 'datasets.export', { version: version.id, format, path: exportsPath(folder, name) });
  downloadExport(name);
}

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
  const [path, setPath] = useState(() =>
    native ? defaultPath(folder, version) : fileNameOf(defaultPath(folder, version)),
  );
  const [error, setError] = useState<string | null>(null);
  const [hint, setHint] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const format = path.toLowerCase().endsWith('.csv') ? 'csv' : 'parquet';
  const start = async () => {
    try {
      await exportVersion(native, folder, version, format, path);
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
        {native ? `Export ${versionLabel(version)} to` : `Download ${versionLabel(version)} as`}
        <input
          ref={input}
          aria-label={native ? 'Export path' : 'File name'}
          value={path}
          onChange={(e) => setPath(e.target.value)}
        />
      </label>
      <button type="button" onClick={() => void choose()}>
        Choose…
      </button>
      <span className="muted">as {format.toUpperCase()} (from the extension)</span>
      <button type="submit" className="primary">
        {native ? 'Export' : 'Export and download'}
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
      {(hint || !native) && (
        <span className="muted small" data-testid="export-hint">
          {hint ? 'Name the file here; ' : ''}the browser downloads it (it asks where to save when it is set
          to); .csv or .parquet.
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
