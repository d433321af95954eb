/**
 * The Train form's state and the runs it started: the catalogue, what the engine infers
 * about the target, the live loss curves of each run (from `run.progress`), and each
 * run's record once it has finished.
 */
import { create } from 'zustand';
import type { Alert } from '../../shared/profile';
import type {
  AlgorithmId,
  AlgorithmInfo,
  ParamValue,
  RunDetail,
  TargetInfo,
  Task,
  ValidationSpec,
} from '../../shared/training';
import { api, messageOf } from '../api/client';
import { reportError } from '../shell/toast-store';

export interface CurvePoint {
  iteration: number;
  trainLoss?: number;
  validLoss?: number;
}

export interface LiveRun {
  runId: string;
  algorithm: AlgorithmId;
  stage: string;
  iteration: number;
  total: number;
  fold?: number;
  folds?: number;
  curve: CurvePoint[];
  detail: RunDetail | null;
}

interface TrainState {
  catalogue: AlgorithmInfo[];
  target: string;
  targetInfo: TargetInfo | null;
  targetError: string | null;
  task: Task | null;
  features: string[];
  /** Profile alerts per column, when the version has been profiled. */
  alerts: Record<string, Alert[]>;
  algorithms: AlgorithmId[];
  params: Partial<Record<AlgorithmId, Record<string, ParamValue>>>;
  validation: ValidationSpec;
  seed: number;
  /** Hyper-parameter search for a single algorithm: candidate values per param. */
  search: {
    strategy: 'off' | 'grid' | 'random';
    space: Record<string, string>;
    maxTrials: number;
    maxSeconds: number;
  };
  jobId: string | null;
  runs: LiveRun[];
  error: string | null;
  loadCatalogue(): Promise<void>;
  prepare(version: string, columns: string[]): void;
  setTarget(version: string, target: string): Promise<void>;
  set(
    patch: Partial<Pick<TrainState, 'task' | 'features' | 'algorithms' | 'validation' | 'seed' | 'search'>>,
  ): void;
  setParam(algorithm: AlgorithmId, name: string, value: ParamValue | undefined): void;
  start(version: string, algorithms?: AlgorithmId[], validation?: ValidationSpec): Promise<void>;
  cancel(): Promise<void>;
}

export const useTrain = create<TrainState>((set, get) => ({
  catalogue: [],
  target: '',
  targetInfo: null,
  targetError: null,
  task: null,
  features: [],
  alerts: {},
  algorithms: ['gbdt'],
  params: {},
  validation: { kind: 'holdout', fraction: 0.2, strategy: 'stratified' },
  seed: 42,
  search: { strategy: 'off', space: {}, maxTrials: 20, maxSeconds: 300 },
  jobId: null,
  runs: [],
  error: null,
  loadCatalogue: async () => {
    if (get().catalogue.length) return;
    set({ catalogue: await api.call('train.catalogue', {}) });
  },
  prepare: (_version, columns) =>
    set({ target: '', targetInfo: null, targetError: null, task: null, features: columns, alerts: {} }),
  setTarget: async (version, target) => {
    set({ target, targetInfo: null, targetError: null, task: null });
    if (!target) return;
    try {
      const info = await api.call('train.inspect', { version, target });
      const alerts = await loadAlerts(version, target);
      const excluded = new Set(
        Object.entries(alerts)
          .filter(([, list]) =>
            list.some((a) => a.type === 'ID_LIKE' || a.type === 'TARGET_LEAKAGE' || a.type === 'CONSTANT'),
          )
          .map(([column]) => column),
      );
      set((s) => ({
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
      set({ targetError: messageOf(error) });
    }
  },
  set: (patch) => set(patch),
  setParam: (algorithm, name, value) =>
    set((s) => {
      const current = { ...s.params[algorithm] };
      if (value === undefined) delete current[name];
      else current[name] = value;
      return { params: { ...s.params, [algorithm]: current } };
    }),
  start: async (version, algorithms = get().algorithms, validation = get().validation) => {
    const s = get();
    set({ error: null });
    try {
      const { jobId, runIds } = await api.call('train.start', {
        version,
        target: s.target,
        ...(s.task ? { task: s.task } : {}),
        features: s.features,
        algorithms: algorithms.map((algorithm) => ({
          algorithm,
          ...(s.params[algorithm] ? { params: s.params[algorithm] } : {}),
        })),
        validation,
        seed: s.seed,
        ...searchRequest(s.search, algorithms),
      });
      set({
        jobId,
        runs: runIds.map((runId, i) => ({
          runId,
          algorithm: algorithms[i]!,
          stage: 'Waiting',
          iteration: 0,
          total: 0,
          curve: [],
          detail: null,
        })),
      });
    } catch (error) {
      set({ error: messageOf(error) });
    }
  },
  cancel: async () => {
    const jobId = get().jobId;
    if (jobId) await api.call('jobs.cancel', { jobId }).catch(reportError);
  },
}));

async function loadAlerts(version: string, target: string): Promise<Record<string, Alert[]>> {
  const { profile } =
    (await api.call('profile.get', { version, target }).catch(() => null)) ??
    (await api.call('profile.get', { version }).catch(() => ({ profile: null })));
  const byColumn: Record<string, Alert[]> = {};
  for (const alert of profile?.alerts ?? []) {
    for (const column of alert.columns) (byColumn[column] ??= []).push(alert);
  }
  return byColumn;
}

function updateRun(runId: string, patch: (run: LiveRun) => Partial<LiveRun>): void {
  useTrain.setState((s) => ({ runs: s.runs.map((r) => (r.runId === runId ? { ...r, ...patch(r) } : r)) }));
}

api.on('run.progress', (p) => {
  if (!useTrain.getState().runs.some((r) => r.runId === p.runId)) return;
  updateRun(p.runId, (run) => {
    const point: CurvePoint = { iteration: p.iteration };
    if (p.trainLoss !== undefined) point.trainLoss = p.trainLoss;
    if (p.validLoss !== undefined) point.validLoss = p.validLoss;
    const hasLoss = p.trainLoss !== undefined || p.validLoss !== undefined;
    // A new fold starts its curve again; keep the latest fold's curve only.
    const restart = run.fold !== p.fold || (run.curve.at(-1)?.iteration ?? -1) > p.iteration;
    const curve = hasLoss ? [...(restart ? [] : run.curve), point] : run.curve;
    return { stage: p.stage, iteration: p.iteration, total: p.total, fold: p.fold, folds: p.folds, curve };
  });
});

api.on('runs.changed', ({ runId }) => {
  if (!useTrain.getState().runs.some((r) => r.runId === runId)) return;
  void api.call('runs.get', { runId }).then(
    (detail) => {
      if (detail.status !== 'running') updateRun(runId, () => ({ detail, stage: detail.status }));
    },
    () => undefined,
  );
});

api.on('job.progress', (job) => {
  if (job.jobId === useTrain.getState().jobId && job.state !== 'running') useTrain.setState({ jobId: null });
});

/** The search part of a train request: only for one algorithm, only params given values. */
function searchRequest(search: TrainState['search'], algorithms: AlgorithmId[]) {
  if (search.strategy === 'off' || algorithms.length !== 1) return {};
  const space: Record<string, ParamValue[]> = {};
  for (const [name, text] of Object.entries(search.space)) {
    const values = text
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean)
      .map((t) => (t === 'true' ? true : t === 'false' ? false : Number(t)))
      .filter((v) => typeof v === 'boolean' || Number.isFinite(v));
    if (values.length > 0) space[name] = values;
  }
  if (Object.keys(space).length === 0) return {};
  return {
    search: { strategy: search.strategy, space, maxTrials: search.maxTrials, maxSeconds: search.maxSeconds },
  };
}
