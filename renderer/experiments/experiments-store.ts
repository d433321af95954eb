/**
 * The runs table and the runs selected for comparison, with their full records. Built
 * around an `ApiClient`, so tests script one.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ApiClient } from '../../shared/api';
import type { RunDetail, RunSummary } from '../../shared/training';
import { reportError, type ToastStore } from '../shell/toast-store';

export interface ExperimentsState {
  runs: RunSummary[];
  loaded: boolean;
  experiment: string;
  selected: string[];
  details: Record<string, RunDetail>;
  load(): Promise<void>;
  setExperiment(experiment: string): void;
  toggle(runId: string): void;
  remove(runIds: string[]): Promise<void>;
}

export type ExperimentsStore = UseBoundStore<StoreApi<ExperimentsState>>;

/** Several runs finish in a burst; the table reloads once this long after the last. */
export const RELOAD_DELAY_MS = 200;

export function createExperimentsStore(client: ApiClient, toasts: ToastStore): ExperimentsStore {
  const report = (error: unknown) => reportError(error, toasts);
  const store = create<ExperimentsState>((set, get) => ({
    runs: [],
    loaded: false,
    experiment: '',
    selected: [],
    details: {},
    load: async () => {
      const runs = await client.call('runs.list', {});
      set((s) => ({
        runs,
        loaded: true,
        selected: s.selected.filter((id) => runs.some((r) => r.id === id)),
      }));
    },
    setExperiment: (experiment) => set({ experiment, selected: [] }),
    toggle: (runId) => {
      const selected = get().selected.includes(runId)
        ? get().selected.filter((id) => id !== runId)
        : [...get().selected, runId];
      set({ selected });
      if (!get().details[runId] && selected.includes(runId)) {
        void client
          .call('runs.get', { runId })
          .then((detail) => set((s) => ({ details: { ...s.details, [runId]: detail } })), report);
      }
    },
    remove: async (runIds) => {
      for (const runId of runIds) await client.call('runs.delete', { runId }).catch(report);
      set((s) => ({ selected: s.selected.filter((id) => !runIds.includes(id)) }));
      await get().load();
    },
  }));

  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  client.on('runs.changed', ({ runId }) => {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => void store.getState().load().catch(report), RELOAD_DELAY_MS);
    store.setState((s) => {
      const { [runId]: _stale, ...details } = s.details;
      return { details };
    });
  });
  client.on('workspace.changed', () =>
    store.setState({ runs: [], loaded: false, selected: [], details: {} }),
  );
  return store;
}
