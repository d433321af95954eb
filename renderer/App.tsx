/** The one window: sidebar, top bar, main area, inspector, jobs panel; see docs/architecture.md. */
import { useEffect } from 'react';
import { JobsPanel } from './jobs/JobsPanel';
import { useJobs, useWorkspace } from './app-stores';
import { HelpDialog } from './shell/HelpDialog';
import { Inspector } from './shell/Inspector';
import { MainView } from './shell/MainView';
import { useShortcuts } from './shell/shortcuts';
import { Sidebar } from './shell/Sidebar';
import { useTheme } from './shell/theme';
import { reportError } from './shell/toast-store';
import { Toasts } from './shell/Toasts';
import { useUi } from './shell/ui-store';
import { TopBar } from './shell/TopBar';
import { ImportHost } from './datasets/ImportHost';
import { WorkspaceDialog } from './workspace/WorkspaceDialog';

export function App() {
  useTheme();
  useShortcuts();
  const loadError = useWorkspace((s) => s.loadError);
  const inspectorOpen = useUi((s) => s.inspectorOpen);
  useEffect(() => {
    void useWorkspace.getState().load();
    void useJobs.getState().load().catch(reportError);
  }, []);
  return (
    <div className="app" data-testid="app-shell">
      <Sidebar />
      <div className="workarea">
        <TopBar />
        {loadError && (
          <div className="banner error" role="alert">
            {loadError}
          </div>
        )}
        <div className={inspectorOpen ? 'content with-inspector' : 'content'}>
          <MainView />
          {inspectorOpen && <Inspector />}
        </div>
        <JobsPanel />
      </div>
      <WorkspaceDialog />
      <ImportHost />
      <HelpDialog />
      <Toasts />
    </div>
  );
}
