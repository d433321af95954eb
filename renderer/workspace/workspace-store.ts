/**
 * The open workspace, the app's facts, and the recent list, for the top bar and dialogs.
 * Built around an `ApiClient`, so tests script one.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ApiClient } from '../../shared/api';
import type { AppInfo } from '../../shared/app';
import { messageOf } from '../../shared/errors';
import type { WorkspaceInfo } from '../../shared/workspace';

export interface WorkspaceState {
  info: WorkspaceInfo | null;
  app: AppInfo | null;
  recent: string[];
  loadError: string | null;
  load(): Promise<void>;
  loadRecent(): Promise<void>;
  /** Open or create; throws the engine's error for the dialog to show. */
  open(path: string, create: boolean): Promise<void>;
}

export type WorkspaceStore = UseBoundStore<StoreApi<WorkspaceState>>;

export function createWorkspaceStore(client: ApiClient): WorkspaceStore {
  const store = create<WorkspaceState>((set, get) => ({
    info: null,
    app: null,
    recent: [],
    loadError: null,
    load: async () => {
      try {
        const [info, app] = await Promise.all([
          client.call('workspace.info', {}),
          client.call('app.info', {}),
        ]);
        set({ info, app, loadError: null });
      } catch (error) {
        set({ loadError: messageOf(error) });
      }
    },
    loadRecent: async () => {
      const { paths } = await client.call('workspace.recent', {});
      set({ recent: paths });
    },
    open: async (path, create) => {
      const info = await client.call('workspace.open', { path, create });
      set({ info });
      await get().loadRecent();
    },
  }));
  client.on('workspace.changed', (info) => store.setState({ info }));
  return store;
}
