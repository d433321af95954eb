/**
 * The strip above the main area: the workspace in use (click to switch), the dataset and
 * version picker shared by every view, theme and help.
 */
import { useJobs, useWorkspace } from '../app-stores';
import { DatasetPicker } from './DatasetPicker';
import { useUi } from './ui-store';

const themeLabel = {
  system: 'Theme: follows the system',
  light: 'Theme: light',
  dark: 'Theme: dark',
} as const;
const themeIcon = { system: '◐', light: '☀', dark: '☾' } as const;

export function TopBar() {
  const info = useWorkspace((s) => s.info);
  const theme = useUi((s) => s.theme);
  const ui = useUi();
  const running = useJobs((s) => Object.values(s.jobs).filter((j) => j.state === 'running').length);
  return (
    <header className="topbar">
      <button
        type="button"
        className="workspace-button"
        title={info ? `Workspace folder: ${info.path} (Ctrl+O to switch)` : 'Open a workspace'}
        onClick={() => ui.showWorkspaceDialog('open')}
      >
        <span className="muted">Workspace</span>{' '}
        <strong data-testid="workspace-name">{info?.name ?? '…'}</strong>
      </button>
      <DatasetPicker />
      <div className="topbar-actions">
        <button type="button" className="ghost" onClick={() => ui.toggleJobs()} title="Jobs (Ctrl+J)">
          Jobs{running > 0 ? ` · ${running} running` : ''}
        </button>
        <button
          type="button"
          className={ui.inspectorOpen ? 'ghost on' : 'ghost'}
          onClick={ui.toggleInspector}
          title="Show or hide the inspector"
        >
          Inspector
        </button>
        <button
          type="button"
          className="ghost icon"
          onClick={ui.cycleTheme}
          title={themeLabel[theme]}
          aria-label={themeLabel[theme]}
        >
          {themeIcon[theme]}
        </button>
        <button
          type="button"
          className="ghost icon"
          onClick={() => ui.showShortcuts(true)}
          title="Help and shortcuts (?)"
          aria-label="Help and shortcuts"
        >
          ?
        </button>
      </div>
    </header>
  );
}
