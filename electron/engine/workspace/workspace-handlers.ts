/** Contract handlers for opening, switching and describing workspaces. */
import type { WorkspaceApi } from '../../../shared/workspace';
import type { HandlerSlice } from '../core/handlers';
import { requireAbsolute } from './caller-paths';
import { listRecentWorkspaces } from './recent-workspaces';
import type { WorkspaceHost } from './workspace-host';

export function workspaceHandlers(host: WorkspaceHost): HandlerSlice<WorkspaceApi> {
  return {
    'workspace.info': async () => host.current().info(),
    'workspace.open': async ({ path, create }) =>
      host.switchTo(requireAbsolute(path, 'The workspace folder'), { create: create ?? false }),
    'workspace.recent': async () => ({ paths: await listRecentWorkspaces() }),
  };
}
