/**
 * The runs table, the runs selected for comparison with their full records, the run page
 * that is open, and the archive: "delete" archives runs so they can be restored until
 * the archive is emptied. Built around an `ApiClient`, so tests script one.
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
  /** The archived runs, loaded when the archive is shown or changed. */
  archived: RunSummary[];
  showArchive: boolean;
  /** The run whose page is open, if any. */
  openRunId: string | null;
  load(): Promise<void>;
  setExperiment(experiment: string): void;
  toggle(runId: string): void;
  /** Opens an experiment with these runs selected (the runs a Train form just trained). */
  compare(experiment: string, runIds: string[]): void;
  openRun(runId: string | null): void;
  archive(runIds: string[]): Promise<void>;
  restore(runIds: string[]): Promise<void>;
  emptyArchive(): Promise<void>;
  setShowArchive(show: boolean): void;
}

export type ExperimentsStore = UseBoundStore<StoreApi<ExperimentsState>>;

/** Several runs finish in a burst; the table reloads once this long after the last. */
export const RELOAD_DELAY_MS = 200;

export function createExperimentsStore(client: ApiClient, toasts: ToastStore): ExperimentsStore {
  const report = (error: unknown) => reportError(error, toasts);
  const fetchDetail = (runId: string) => {
    if (store.getState().details[runId]) return;
    void client
      .call('runs.get', { runId })
      .then((detail) => store.setState((s) => ({ details: { ...s.details, [runId]: detail } })), report);
  };
  const store = create<ExperimentsState>((set, get) => ({
    runs: [],
    loaded: false,
    experiment: '',
    selected: [],
    details: {},
    archived: [],
    showArchive: false,
    openRunId: null,
    load: async () => {
      const [runs, archived] = await Promise.all([
        client.call('runs.list', {}),
        client.call('runs.list', { archived: true }),
      ]);
      set((s) => ({
        runs,
        archived,
        loaded: true,
        selected: s.selected.filter((id) => runs.some((r) => r.id === id)),
      }));
    },
    setExperiment: (experiment) => set({ experiment, selected: [], openRunId: null }),
    toggle: (runId) => {
      const selected = get().selected.includes(runId)
        ? get().selected.filter((id) => id !== runId)
        : [...get().selected, runId];
      set({ selected });
      if (selected.includes(runId)) fetchDetail(runId);
    },
    compare: (experiment, runIds) => {
      set({ experiment, selected: runIds, showArchive: false, openRunId: null });
      runIds.forEach(fetchDetail);
    },
    openRun: (runId) => {
      set({ openRunId: runId });
      if (runId) fetchDetail(runId);
    },
    archive: async (runIds) => {
      await client.call('runs.archive', { runIds }).catch(report);
      set((s) => ({ selected: s.selected.filter((id) => !runIds.includes(id)) }));
      await get().load();
    },
    restore: async (runIds) => {
      await client.call('runs.restore', { runIds }).catch(report);
      await get().load();
    },
    emptyArchive: async () => {
      await client.call('runs.emptyArchive', {}).catch(report);
      await get().load();
    },
    setShowArchive: (show) => set({ showArchive: show, openRunId: null }),
  }));

  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  client.on('runs.changed', ({ runId }) => {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => void store.getState().load().catch(report), RELOAD_DELAY_MS);
    store.setState((s) => {
      const { [runId]: _stale, ...details } = s.details;
      return { details };
    });
    // The record on screen is fetched again rather than left blank.
    if (store.getState().selected.includes(runId) || store.getState().openRunId === runId) fetchDetail(runId);
  });
  client.on('workspace.changed', () =>
    store.setState({ runs: [], archived: [], loaded: false, selected: [], details: {}, openRunId: null }),
  );
  return store;
}
