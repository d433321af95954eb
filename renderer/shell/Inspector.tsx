/** The right-hand inspector for whatever is selected; empty until a view selects something. */
import { useWorkspace } from '../app-stores';
import { formatBytes } from './format';

export function Inspector() {
  const info = useWorkspace((s) => s.info);
  return (
    <aside className="inspector" aria-label="Inspector">
      <h3>Inspector</h3>
      <p className="muted">Select a column, a step or a run to see its details here.</p>
      {info && (
        <dl className="facts">
          <dt>Workspace</dt>
          <dd title={info.path}>{info.name}</dd>
          <dt>Folder</dt>
          <dd className="truncate" title={info.path}>
            {info.path}
          </dd>
          <dt>Database</dt>
          <dd>{formatBytes(info.sizeBytes)}</dd>
          <dt>Schema</dt>
          <dd>version {info.schemaVersion}</dd>
        </dl>
      )}
    </aside>
  );
}
