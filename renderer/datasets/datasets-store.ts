/**
 * The datasets a workspace holds and the one in hand: the catalogue, the selected dataset
 * and version (shared by every view through the top bar's picker), and the actions on
 * them. Reloads when an import finishes or the workspace changes. Built around an
 * `ApiClient`, so tests script one.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ApiClient } from '../../shared/api';
import type { DatasetSummary, DatasetVersion } from '../../shared/datasets';
import { reportError, type ToastStore } from '../shell/toast-store';

export interface DatasetsState {
  list: DatasetSummary[];
  loaded: boolean;
  /** The dataset open in the grid, or null for the catalogue. */
  openDataset: string | null;
  versions: DatasetVersion[];
  /** The version every view works on. */
  version: DatasetVersion | null;
  load(): Promise<void>;
  open(dataset: string | null, versionId?: string): Promise<void>;
  selectVersion(versionId: string): void;
  rename(dataset: string, newName: string): Promise<void>;
  setTags(dataset: string, tags: string[]): Promise<void>;
  remove(dataset: string): Promise<void>;
  /** When a job that makes a version (import, retype, SQL save) succeeds, open that version. */
  openWhenDone(jobId: string): void;
}

export type DatasetsStore = UseBoundStore<StoreApi<DatasetsState>>;

const CLOSED = { openDataset: null, versions: [], version: null };

export function createDatasetsStore(client: ApiClient, toasts: ToastStore): DatasetsStore {
  const report = (error: unknown) => reportError(error, toasts);
  /** Run an action, showing its failure as a toast instead of throwing. */
  const reporting = async (action: () => Promise<void>) => {
    try {
      await action();
    } catch (error) {
      report(error);
    }
  };
  const store = create<DatasetsState>((set, get) => ({
    list: [],
    loaded: false,
    ...CLOSED,
    load: async () => {
      const list = await client.call('datasets.list', {});
      set({ list, loaded: true });
      const open = get().openDataset;
      if (open && !list.some((d) => d.name === open)) set(CLOSED);
      else if (open) await get().open(open, get().version?.id);
    },
    open: async (dataset, versionId) => {
      if (!dataset) {
        set({ openDataset: null });
        return;
      }
      const versions = await client.call('datasets.versions', { dataset });
      const version = versions.find((v) => v.id === versionId) ?? versions.at(-1) ?? null;
      set({ openDataset: dataset, versions, version });
    },
    selectVersion: (versionId) => {
      const version = get().versions.find((v) => v.id === versionId);
      if (version) set({ version });
    },
    rename: (dataset, newName) =>
      reporting(async () => {
        await client.call('datasets.rename', { dataset, newName });
        if (get().openDataset === dataset) set({ openDataset: newName });
        await get().load();
      }),
    setTags: (dataset, tags) =>
      reporting(async () => {
        await client.call('datasets.tag', { dataset, tags });
        await get().load();
      }),
    remove: (dataset) =>
      reporting(async () => {
        const { deleted } = await client.call('datasets.delete', { dataset });
        toasts
          .getState()
          .push('info', `Deleted ${dataset} and its ${deleted} version${deleted === 1 ? '' : 's'}.`);
        if (get().openDataset === dataset) set(CLOSED);
        await get().load();
      }),
    openWhenDone: (jobId) => {
      const off = client.on('job.progress', (job) => {
        if (job.jobId !== jobId || job.state === 'running') return;
        off();
        const version = job.result as { dataset?: string; id?: string } | undefined;
        if (job.state === 'succeeded' && version?.dataset) {
          void get()
            .load()
            .then(() => get().open(version.dataset!, version.id));
        }
      });
    },
  }));
  client.on('datasets.changed', () => void store.getState().load().catch(report));
  client.on('workspace.changed', () => {
    store.setState({ ...CLOSED, list: [], loaded: false });
    void store.getState().load().catch(report);
  });
  return store;
}
