/**
 * The Train form's state and the runs it started: the catalogue, what the engine infers
 * about the target, the live loss curves of each run (from `run.progress`), and each
 * run's record once it has finished. Built around an `ApiClient`, so tests script one.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ApiClient } from '../../shared/api';
import { messageOf } from '../../shared/errors';
import type { Alert } from '../../shared/profile';
import type {
  AlgorithmId,
  AlgorithmInfo,
  ParamValue,
  TargetInfo,
  Task,
  ValidationSpec,
} from '../../shared/training';
import { reportError, type ToastStore } from '../shell/toast-store';
import { waitingRun, withProgress, type LiveRun } from './live-run';
import { trainRequest } from './train-request';

export type { CurvePoint, LiveRun } from './live-run';

/** Hyper-parameter search for a single algorithm: candidate values per param, as typed. */
export interface SearchSettings {
  strategy: 'off' | 'grid' | 'random';
  space: Record<string, string>;
  maxTrials: number;
  maxSeconds: number;
}

/** What the form holds, top to bottom. */
export interface TrainForm {
  target: string;
  task: Task | null;
  features: string[];
  algorithms: AlgorithmId[];
  params: Partial<Record<AlgorithmId, Record<string, ParamValue>>>;
  validation: ValidationSpec;
  seed: number;
  search: SearchSettings;
}

export interface TrainState extends TrainForm {
  /** The version the form was prepared for: coming back to it keeps the form as it was. */
  preparedFor: string | null;
  catalogue: AlgorithmInfo[];
  targetInfo: TargetInfo | null;
  targetError: string | null;
  /** Profile alerts per column, when the version has been profiled. */
  alerts: Record<string, Alert[]>;
  /** Sentences for param fields holding a value their param does not accept. */
  paramErrors: Partial<Record<AlgorithmId, Record<string, string>>>;
  jobId: string | null;
  runs: LiveRun[];
  error: string | null;
  loadCatalogue(): Promise<void>;
  prepare(version: string, columns: string[]): void;
  /** Add a column to the features to train on, or take it out (the Features view's ranking). */
  toggleFeature(version: string, columns: string[], column: string): void;
  setTarget(version: string, target: string): Promise<void>;
  set(
    patch: Partial<Pick<TrainState, 'task' | 'features' | 'algorithms' | 'validation' | 'seed' | 'search'>>,
  ): void;
  setParam(algorithm: AlgorithmId, name: string, value: ParamValue | undefined): void;
  setParamError(algorithm: AlgorithmId, name: string, message: string | null): void;
  start(version: string, algorithms?: AlgorithmId[], validation?: ValidationSpec): Promise<void>;
  cancel(): Promise<void>;
}

export type TrainStore = UseBoundStore<StoreApi<TrainState>>;

/** Columns a profile says not to train on by default. */
const EXCLUDING_ALERTS = new Set(['ID_LIKE', 'TARGET_LEAKAGE', 'CONSTANT']);

export function createTrainStore(client: ApiClient, toasts: ToastStore): TrainStore {
  const store: TrainStore = create<TrainState>((set, get) => ({
    preparedFor: null,
    catalogue: [],
    target: '',
    targetInfo: null,
    targetError: null,
    task: null,
    features: [],
    alerts: {},
    algorithms: ['gbdt'],
    params: {},
    paramErrors: {},
    validation: { kind: 'holdout', fraction: 0.2, strategy: 'stratified' },
    seed: 42,
    search: { strategy: 'off', space: {}, maxTrials: 20, maxSeconds: 300 },
    jobId: null,
    runs: [],
    error: null,
    loadCatalogue: async () => {
      if (get().catalogue.length) return;
      set({ catalogue: await client.call('train.catalogue', {}) });
    },
    prepare: (version, columns) => {
      if (get().preparedFor === version) return;
      set({
        preparedFor: version,
        target: '',
        targetInfo: null,
        targetError: null,
        task: null,
        features: columns,
        alerts: {},
      });
    },
    toggleFeature: (version, columns, column) => {
      get().prepare(version, columns);
      set((s) => ({
        features: s.features.includes(column)
          ? s.features.filter((f) => f !== column)
          : [...s.features, column],
      }));
    },
    setTarget: (version, target) => chooseTarget(client, store, version, target),
    set: (patch) => set(patch),
    setParam: (algorithm, name, value) =>
      set((s) => {
        const current = { ...s.params[algorithm] };
        if (value === undefined) delete current[name];
        else current[name] = value;
        return { params: { ...s.params, [algorithm]: current } };
      }),
    setParamError: (algorithm, name, message) =>
      set((s) => {
        const current = { ...s.paramErrors[algorithm] };
        if (message === null) delete current[name];
        else current[name] = message;
        return { paramErrors: { ...s.paramErrors, [algorithm]: current } };
      }),
    start: async (version, algorithms = get().algorithms, validation = get().validation) => {
      const invalid = paramErrorsOf(get(), algorithms);
      set({ error: invalid.length ? `Fix the parameters first: ${invalid.join(' ')}` : null });
      if (invalid.length) return;
      try {
        const request = trainRequest(get(), version, algorithms, validation);
        const { jobId, runIds } = await client.call('train.start', request);
        set({ jobId, runs: runIds.map((runId, i) => waitingRun(runId, algorithms[i]!)) });
      } catch (error) {
        set({ error: messageOf(error) });
      }
    },
    cancel: async () => {
      const jobId = get().jobId;
      if (jobId) await client.call('jobs.cancel', { jobId }).catch((e: unknown) => reportError(e, toasts));
    },
  }));
  followRuns(client, store);
  return store;
}

/** The param fields' sentences for the algorithms about to run. */
export function paramErrorsOf(state: Pick<TrainState, 'paramErrors'>, algorithms: AlgorithmId[]): string[] {
  return algorithms.flatMap((a) => Object.values(state.paramErrors[a] ?? {}));
}

/** Ask the engine what the target means, and leave out columns the profile warns about. */
async function chooseTarget(
  client: ApiClient,
  store: TrainStore,
  version: string,
  target: string,
): Promise<void> {
  store.setState({ target, targetInfo: null, targetError: null, task: null });
  if (!target) return;
  try {
    const info = await client.call('train.inspect', { version, target });
    const alerts = await loadAlerts(client, version, target);
    // Columns the engine leaves out by default (ID-like text) and those the profile flags.
    const excluded = new Set([
      ...(info.excludedFeatures ?? []).map((e) => e.column),
      ...Object.entries(alerts)
        .filter(([, list]) => list.some((a) => EXCLUDING_ALERTS.has(a.type)))
        .map(([column]) => column),
    ]);
    store.setState((s) => ({
      targetInfo: info,
      task: info.task,
      alerts,
      features: s.features.filter((f) => f !== target && !excluded.has(f)),
      validation:
        info.task === 'regression' &&
        s.validation.kind === 'holdout' &&
        s.validation.strategy === 'stratified'
          ? { kind: 'holdout', fraction: s.validation.fraction ?? 0.2, strategy: 'random' }
          : s.validation,
    }));
  } catch (error) {
    store.setState({ targetError: messageOf(error) });
  }
}

/** The profile's alerts by column: the one made for this target, else any profile. */
async function loadAlerts(
  client: ApiClient,
  version: string,
  target: string,
): Promise<Record<string, Alert[]>> {
  const { profile } =
    (await client.call('profile.get', { version, target }).catch(() => null)) ??
    (await client.call('profile.get', { version }).catch(() => ({ profile: null })));
  const byColumn: Record<string, Alert[]> = {};
  for (const alert of profile?.alerts ?? []) {
    for (const column of alert.columns) (byColumn[column] ??= []).push(alert);
  }
  return byColumn;
}

/** Keep the runs this form started current: curves, records, and the job's end. */
function followRuns(client: ApiClient, store: TrainStore): void {
  const ours = (runId: string) => store.getState().runs.some((r) => r.runId === runId);
  const update = (runId: string, patch: (run: LiveRun) => Partial<LiveRun>) =>
    store.setState((s) => ({ runs: s.runs.map((r) => (r.runId === runId ? { ...r, ...patch(r) } : r)) }));

  client.on('run.progress', (p) => {
    if (ours(p.runId)) update(p.runId, (run) => withProgress(run, p));
  });
  client.on('runs.changed', ({ runId }) => {
    if (!ours(runId)) return;
    void client.call('runs.get', { runId }).then(
      (detail) => {
        if (detail.status !== 'running') update(runId, () => ({ detail, stage: detail.status }));
      },
      () => undefined,
    );
  });
  client.on('job.progress', (job) => {
    if (job.jobId === store.getState().jobId && job.state !== 'running') store.setState({ jobId: null });
  });
}
