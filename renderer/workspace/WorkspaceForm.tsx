/**
 * The workspace dialog's body for one mode (open or new): what a workspace is, the one
 * open now, the path form, the recent list (open only) and a link to the other mode.
 */
import { useEffect, useState } from 'react';
import { messageOf } from '../api/client';
import { Dialog } from '../shell/Dialog';
import { useToasts } from '../shell/toast-store';
import { useUi } from '../shell/ui-store';
import { useWorkspace } from '../app-stores';
import { RecentWorkspaces } from './RecentWorkspaces';
import { WorkspacePathForm } from './WorkspacePathForm';

export function WorkspaceForm({ mode }: { mode: 'open' | 'new' }) {
  const { info, recent } = useWorkspace();
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
      <WorkspacePathForm
        creating={creating}
        busy={busy}
        error={error}
        onError={setError}
        onSubmit={(path) => void submit(path, creating)}
      />
      {!creating && <RecentWorkspaces paths={recent} busy={busy} onOpen={(p) => void submit(p, false)} />}
      <p className="muted small">
        {creating ? 'Or open an existing one: ' : 'Or start a new one: '}
        <button
          type="button"
          className="link"
          onClick={() => useUi.getState().showWorkspaceDialog(creating ? 'open' : 'new')}
        >
          {creating ? 'Open workspace' : 'New workspace'}
        </button>
      </p>
    </Dialog>
  );
}
