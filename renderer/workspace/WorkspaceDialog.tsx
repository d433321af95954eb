/**
 * Open, create or switch workspaces. The desktop app offers the native folder dialog;
 * in browser mode the person types a path on the machine that runs Assay.
 */
import { useUi } from '../shell/ui-store';
import { WorkspaceForm } from './WorkspaceForm';

export function WorkspaceDialog() {
  const mode = useUi((s) => s.workspaceDialog);
  // Keyed by mode: switching between open and new starts with an empty form.
  return mode ? <WorkspaceForm key={mode} mode={mode} /> : null;
}
