/**
 * The folder field of the workspace dialog: typed (browser mode names a folder on the
 * machine running Assay) or chosen with the native dialog where there is one.
 */
import { useState } from 'react';
import { api, messageOf } from '../api/client';
import { useWorkspace } from '../app-stores';

interface WorkspacePathFormProps {
  creating: boolean;
  busy: boolean;
  error: string | null;
  onError: (message: string) => void;
  onSubmit: (path: string) => void;
}

export function WorkspacePathForm({ creating, busy, error, onError, onSubmit }: WorkspacePathFormProps) {
  const app = useWorkspace((s) => s.app);
  const [path, setPath] = useState('');

  const browse = async () => {
    try {
      const { paths } = await api.call('dialog.open', {
        kind: 'directory',
        title: creating ? 'New workspace folder' : 'Open workspace',
      });
      if (paths[0]) setPath(paths[0]);
    } catch (e) {
      onError(messageOf(e));
    }
  };

  return (
    <form
      className="path-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (path.trim()) onSubmit(path.trim());
      }}
    >
      <label htmlFor="workspace-path">{creating ? 'Folder for the new workspace' : 'Workspace folder'}</label>
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
  );
}
