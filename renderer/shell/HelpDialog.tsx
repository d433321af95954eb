/** Help: keyboard shortcuts, where the workspace lives, and what this build contains. */
import { useWorkspace } from '../app-stores';
import { Dialog } from './Dialog';
import { shortcutList } from './shortcuts';
import { useUi } from './ui-store';

export function HelpDialog() {
  const open = useUi((s) => s.shortcutsOpen);
  const close = () => useUi.getState().showShortcuts(false);
  const app = useWorkspace((s) => s.app);
  if (!open) return null;
  return (
    <Dialog title="Help" onClose={close}>
      <h3>Keyboard shortcuts</h3>
      <table className="plain">
        <tbody>
          {shortcutList.map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {app && (
        <p className="muted">
          Assay {app.version} · {app.mode === 'desktop' ? 'desktop app' : 'browser mode'} · DuckDB{' '}
          {app.duckdb} · Node {app.node} · {app.platform}
        </p>
      )}
      <p>
        The command line does the same work headlessly: run <code>assay --help</code>. Documentation:{' '}
        <a href="https://duckdb.org/docs/" data-testid="external-link">
          DuckDB SQL reference
        </a>
        .
      </p>
    </Dialog>
  );
}
