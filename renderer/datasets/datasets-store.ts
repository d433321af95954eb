/**
 * The datasets a workspace holds and the one in hand: the catalogue, the selected dataset
 * and version (shared by every view through the top bar's picker), and the actions on
 * them. Reloads when an import finishes or the workspace changes.
 */
import { create } from 'zustand';
import type { DatasetSummary, DatasetVersion } from '../../shared/datasets';
import { api } from '../api/client';
import { reportError, useToasts } from '../shell/toast-store';

interface DatasetsState {
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
}

export const useDatasets = create<DatasetsState>((set, get) => ({
  list: [],
  loaded: false,
  openDataset: null,
  versions: [],
  version: null,
  load: async () => {
    const list = await api.call('datasets.list', {});
    set({ list, loaded: true });
    const open = get().openDataset;
    if (open && !list.some((d) => d.name === open)) set({ openDataset: null, versions: [], version: null });
    else if (open) await get().open(open, get().version?.id);
  },
  open: async (dataset, versionId) => {
    if (!dataset) {
      set({ openDataset: null });
      return;
    }
    const versions = await api.call('datasets.versions', { dataset });
    const version = versions.find((v) => v.id === versionId) ?? versions.at(-1) ?? null;
    set({ openDataset: dataset, versions, version });
  },
  selectVersion: (versionId) => {
    const version = get().versions.find((v) => v.id === versionId);
    if (version) set({ version });
  },
  rename: async (dataset, newName) => {
    try {
      await api.call('datasets.rename', { dataset, newName });
      if (get().openDataset === dataset) set({ openDataset: newName });
      await get().load();
    } catch (error) {
      reportError(error);
    }
  },
  setTags: async (dataset, tags) => {
    try {
      await api.call('datasets.tag', { dataset, tags });
      await get().load();
    } catch (error) {
      reportError(error);
    }
  },
  remove: async (dataset) => {
    try {
      const { deleted } = await api.call('datasets.delete', { dataset });
      useToasts
        .getState()
        .push('info', `Deleted ${dataset} and its ${deleted} version${deleted === 1 ? '' : 's'}.`);
      if (get().openDataset === dataset) set({ openDataset: null, versions: [], version: null });
      await get().load();
    } catch (error) {
      reportError(error);
    }
  },
}));

api.on('datasets.changed', () => void useDatasets.getState().load().catch(reportError));
api.on('workspace.changed', () => {
  useDatasets.setState({ openDataset: null, versions: [], version: null, list: [], loaded: false });
  void useDatasets.getState().load().catch(reportError);
});

/** When a job that makes a version (import, retype, SQL save) succeeds, open that version. */
export function openWhenDone(jobId: string): void {
  const off = api.on('job.progress', (job) => {
    if (job.jobId !== jobId || job.state === 'running') return;
    off();
    const version = job.result as { dataset?: string; id?: string } | undefined;
    if (job.state === 'succeeded' && version?.dataset) {
      void useDatasets
        .getState()
        .load()
        .then(() => useDatasets.getState().open(version.dataset!, version.id));
    }
  });
}

/** "name@3" — how people and the CLI refer to a version. */
export function versionLabel(version: Pick<DatasetVersion, 'dataset' | 'number'>): string {
  return `${version.dataset}@${version.number}`;
}
