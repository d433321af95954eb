/** The open workspace, the app's facts, and the recent list, for the top bar and dialogs. */
import { create } from 'zustand';
import type { AppInfo } from '../../shared/app';
import type { WorkspaceInfo } from '../../shared/workspace';
import { api } from '../api/client';

interface WorkspaceState {
  info: WorkspaceInfo | null;
  app: AppInfo | null;
  recent: string[];
  loadError: string | null;
  load(): Promise<void>;
  loadRecent(): Promise<void>;
  /** Open or create; throws the engine's error for the dialog to show. */
  open(path: string, create: boolean): Promise<void>;
}

export const useWorkspace = create<WorkspaceState>((set, get) => ({
  info: null,
  app: null,
  recent: [],
  loadError: null,
  load: async () => {
    try {
      const [info, app] = await Promise.all([api.call('workspace.info', {}), api.call('app.info', {})]);
      set({ info, app, loadError: null });
    } catch (error) {
      set({ loadError: error instanceof Error ? error.message : String(error) });
    }
  },
  loadRecent: async () => {
    const { paths } = await api.call('workspace.recent', {});
    set({ recent: paths });
  },
  open: async (path, create) => {
    const info = await api.call('workspace.open', { path, create });
    set({ info });
    await get().loadRecent();
  },
}));

api.on('workspace.changed', (info) => useWorkspace.setState({ info }));
