/**
 * Import: choose files (native dialog in the desktop app, a path on the server in browser
 * mode, or dropped files), see the first rows exactly as they will be typed, adjust what
 * the sniffer guessed, then import as a job with progress and cancel.
 */
import { useEffect } from 'react';
import { useWorkspace } from '../app-stores';
import { Dialog } from '../shell/Dialog';
import { ImportPreviewPanel } from './ImportPreviewPanel';
import { useImportForm } from './use-import-form';
import './import-dialog.css';

export function ImportDialog({ initialPaths, onClose }: { initialPaths: string[]; onClose: () => void }) {
  const app = useWorkspace((s) => s.app);
  const form = useImportForm(initialPaths, onClose);
  const { paths, busy } = form;

  useEffect(() => {
    // Dropped files are previewed once on open (a call to the engine, not derived state);
    // later previews follow the person's edits.
    if (initialPaths.length > 0) void form.runPreview({});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

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
          value={form.pathsText}
          placeholder="/data/flights.csv"
          onChange={(e) => form.setPathsText(e.target.value)}
        />
        {app?.nativeDialogs && (
          <button type="button" onClick={() => void form.browse()}>
            Browse…
          </button>
        )}
        <button type="button" onClick={() => void form.runPreview()} disabled={busy || paths.length === 0}>
          Preview
        </button>
      </div>
      {form.error && (
        <p className="form-error" role="alert">
          {form.error}
        </p>
      )}
      {form.preview && (
        <ImportPreviewPanel preview={form.preview} options={form.options} change={form.change} />
      )}
      <div className="dialog-actions">
        <label className="grow">
          Dataset name
          <input
            value={form.name}
            placeholder="from the file name"
            onChange={(e) => form.setName(e.target.value)}
          />
        </label>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || paths.length === 0}
          onClick={() => void form.start()}
        >
          Import
        </button>
      </div>
    </Dialog>
  );
}
