/**
 * Open, create or switch workspaces. The desktop app offers the native folder dialog;
 * in browser mode the person types a path on the machine that runs Assay.
 */
import { useEffect, useState } from 'react';
import { api, messageOf } from '../api/client';
import { Dialog } from '../shell/Dialog';
import { useToasts } from '../shell/toast-store';
import { useUi } from '../shell/ui-store';
import { useWorkspace } from '../app-stores';

export function WorkspaceDialog() {
  const mode = useUi((s) => s.workspaceDialog);
  // Keyed by mode: switching between open and new starts with an empty form.
  return mode ? <WorkspaceForm key={mode} mode={mode} /> : null;
}

function WorkspaceForm({ mode }: { mode: 'open' | 'new' }) {
  const { info, app, recent } = useWorkspace();
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void useWorkspace
      .getState()
      .loadRecent()
      .catch(() => undefined);
  }, []);

  const close = () => useUi.getState().showWorkspaceDialog(null);
  const creating = mode === 'new';

  const submit = async (target: string, create: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await useWorkspace.getState().open(target, create);
      useToasts.getState().push('info', `Workspace ${target} is open.`);
      close();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const browse = async () => {
    try {
      const { paths } = await api.call('dialog.open', {
        kind: 'directory',
        title: creating ? 'New workspace folder' : 'Open workspace',
      });
      if (paths[0]) setPath(paths[0]);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <Dialog title={creating ? 'New workspace' : 'Open workspace'} onClose={close}>
      <p className="muted">
        A workspace is one folder holding a DuckDB database and an <code>artifacts/</code> folder. Copy the
        folder and you have copied the project.
      </p>
      {info && (
        <p>
          Open now: <strong>{info.name}</strong> <span className="muted">({info.path})</span>
        </p>
      )}
      <form
        className="path-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) void submit(path.trim(), creating);
        }}
      >
        <label htmlFor="workspace-path">
          {creating ? 'Folder for the new workspace' : 'Workspace folder'}
        </label>
        <div className="row">
          <input
            id="workspace-path"
            autoFocus
            value={path}
            placeholder={
              app?.mode === 'browser'
                ? 'A folder on the machine running Assay, e.g. /data/churn'
                : '/path/to/folder'
            }
            onChange={(e) => setPath(e.target.value)}
          />
          {app?.nativeDialogs && (
            <button type="button" onClick={() => void browse()}>
              Browse…
            </button>
          )}
          <button type="submit" className="primary" disabled={busy || !path.trim()}>
            {creating ? 'Create' : 'Open'}
          </button>
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
      {!creating && recent.length > 0 && (
        <>
          <h3>Recent</h3>
          <ul className="recent-list">
            {recent.map((p) => (
              <li key={p}>
                <button
                  type="button"
                  className="link"
                  disabled={busy}
                  onClick={() => void submit(p, false)}
                  title={p}
                >
                  {p}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted small">
        {creating ? (
          <>
            Or open an existing one:{' '}
            <button
              type="button"
              className="link"
              onClick={() => useUi.getState().showWorkspaceDialog('open')}
            >
              Open workspace
            </button>
          </>
        ) : (
          <>
            Or start a new one:{' '}
            <button
              type="button"
              className="link"
              onClick={() => useUi.getState().showWorkspaceDialog('new')}
            >
              New workspace
            </button>
          </>
        )}
      </p>
    </Dialog>
  );
}
