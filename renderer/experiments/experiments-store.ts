/** The runs table and the runs selected for comparison, with their full records. */
import { create } from 'zustand';
import type { RunDetail, RunSummary } from '../../shared/training';
import { api } from '../api/client';
import { reportError } from '../shell/toast-store';

interface ExperimentsState {
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

export const useExperiments = create<ExperimentsState>((set, get) => ({
  runs: [],
  loaded: false,
  experiment: '',
  selected: [],
  details: {},
  load: async () => {
    const runs = await api.call('runs.list', {});
    set((s) => ({ runs, loaded: true, selected: s.selected.filter((id) => runs.some((r) => r.id === id)) }));
  },
  setExperiment: (experiment) => set({ experiment, selected: [] }),
  toggle: (runId) => {
    const selected = get().selected.includes(runId)
      ? get().selected.filter((id) => id !== runId)
      : [...get().selected, runId];
    set({ selected });
    if (!get().details[runId] && selected.includes(runId)) {
      void api
        .call('runs.get', { runId })
        .then((detail) => set((s) => ({ details: { ...s.details, [runId]: detail } })), reportError);
    }
  },
  remove: async (runIds) => {
    for (const runId of runIds) await api.call('runs.delete', { runId }).catch(reportError);
    set((s) => ({ selected: s.selected.filter((id) => !runIds.includes(id)) }));
    await get().load();
  },
}));

let reloadTimer: ReturnType<typeof setTimeout> | undefined;
api.on('runs.changed', ({ runId }) => {
  // Several runs finish in a burst; reload once.
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => void useExperiments.getState().load().catch(reportError), 200);
  useExperiments.setState((s) => {
    const { [runId]: _stale, ...details } = s.details;
    return { details };
  });
});
api.on('workspace.changed', () =>
  useExperiments.setState({ runs: [], loaded: false, selected: [], details: {} }),
);
