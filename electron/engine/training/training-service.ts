/**
 * Training as the workspace keeps it: `start` checks the request, writes one run row per
 * algorithm (status running) and starts ONE job that reads the dataset version once
 * (column by column into typed arrays) and trains each algorithm in a worker thread,
 * streaming `run.progress` for the live curves. Each run ends succeeded (metrics, curves,
 * diagnostics and the model file saved), failed (with the error sentence) or cancelled
 * (no model), and every change is announced with `runs.changed`. Also the runs table,
 * a run's record, its deletion and prediction with its model.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DatasetVersion } from '../../../shared/datasets';
import { ApiError } from '../../../shared/errors';
import type {
  AlgorithmId,
  AlgorithmInfo,
  ParamValue,
  RunDetail,
  RunProgress,
  RunSearch,
  RunSummary,
  TargetInfo,
  Task,
  TrainRequest,
  ValidationSpec,
} from '../../../shared/training';
import type { EventBus } from '../core/event-bus';
import type { DatasetsService } from '../datasets/datasets-service';
import { newId, versionTable, versionViewName } from '../datasets/dataset-store';
import { SerialConnection } from '../db/serial-connection';
import type { JobContext, JobManager } from '../jobs/job-manager';
import type { Workspace } from '../workspace/workspace';
import { algorithmSpec, CATALOGUE, resolveParams } from './catalogue';
import { loadTable, loadTrainData } from './load-train-data';
import type { ParamSpace } from './search';
import { encodeTarget, inferTask } from './task';
import { searchInWorker, trainInWorker, type WorkerOptions } from './train-in-worker';
import type { CategoricalColumn, Column, TrainJob, TrainParams, TrainProgress, TrainResult } from './types';
import { checkAlgorithmTask, checkParams } from './check-request';
import { runPrediction, type PredictRequest, type PredictOutcome } from './predict-run';
import {
  deleteRunRow,
  failInterruptedRuns,
  finishRun,
  getRun,
  insertRun,
  listRuns,
  removeRunArtifacts,
  writeModelFile,
  type StoredDetail,
} from './run-store';
import { runEnvironment } from './run-environment';

const DEFAULT_SEED = 42;
/** A `run.progress` goes out at least this often while a run trains, even between reports. */
const HEARTBEAT_MS = 1000;
/** Targets with this share of rows missing are called out when inspected. */
const MANY_MISSING = 0.05;
const MANY_CLASSES = 50;

export interface StartedTraining {
  jobId: string;
  runIds: string[];
  /** Resolves when the job ends, to the runs' final records (the CLI waits on it). */
  outcome: Promise<RunDetail[]>;
}

interface PlannedRun {
  id: string;
  algorithm: AlgorithmId;
  params: TrainParams;
}

export class TrainingService {
  private readonly stores = new WeakMap<Workspace, Promise<SerialConnection>>();

  constructor(
    private readonly workspace: () => Workspace,
    private readonly jobs: JobManager,
    private readonly events: EventBus,
    private readonly datasets: DatasetsService,
  ) {}

  /** The runs table's connection for this workspace; runs left 'running' by a dead process fail first. */
  private store(): Promise<SerialConnection> {
    const workspace = this.workspace();
    let store = this.stores.get(workspace);
    if (!store) {
      store = (async () => {
        const connection = new SerialConnection(await workspace.connect());
        await connection.use(failInterruptedRuns);
        return connection;
      })();
      store.catch(() => this.stores.delete(workspace));
      this.stores.set(workspace, store);
    }
    return store;
  }

  private async withStore<T>(work: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    return (await this.store()).use(work);
  }

  catalogue(): AlgorithmInfo[] {
    return CATALOGUE.map((a) => ({
      id: a.id,
      label: a.label,
      tasks: [...a.tasks],
      description: a.description,
      params: a.params.map((p) => ({ ...p, name: p.name as string })),
    }));
  }

  /** The task a target poses, its classes, and what a person should know before training on it. */
  async inspect(versionRef: string, targetName: string): Promise<TargetInfo> {
    const version = await this.datasets.version(versionRef);
    requireColumn(version, targetName, 'target');
    const loaded = await this.withConnection((c) =>
      loadTable(c, versionTable(version.id), { target: targetName, features: [] }),
    );
    const target = loaded.target as Column;
    const total = loaded.rows + loaded.droppedRows;
    const warnings: string[] = [];
    if (loaded.droppedRows > 0) {
      const share = loaded.droppedRows / Math.max(1, total);
      warnings.push(
        `${loaded.droppedRows.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows (${(share * 100).toFixed(share < 0.01 ? 2 : 0)}%) have no value in "${targetName}"; they are left out of training${share >= MANY_MISSING ? ', so check why so many are missing' : ''}.`,
      );
    }
    let task: Task;
    let classes: string[] | undefined;
    try {
      task = inferTask(target);
      if (task !== 'regression') classes = encodeTarget(target, task).classes;
      warnings.push(...targetWarnings(target, targetName, task, classes, loaded.rows));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // The engine's own sentence (one class, no values): the form shows it before training.
      warnings.push(error.message);
      const distinct = distinctLabels(target);
      task = target.kind === 'categorical' || distinct.length > 0 ? 'binary' : 'regression';
      if (distinct.length > 0) classes = distinct;
    }
    return { task, ...(classes ? { classes } : {}), rows: loaded.rows, warnings };
  }

  /** Checks the request, writes the run rows and starts the job. */
  async start(request: TrainRequest): Promise<StartedTraining> {
    const version = await this.datasets.version(request.version);
    requireColumn(version, request.target, 'target');
    const features =
      request.features ?? version.columns.map((c) => c.name).filter((n) => n !== request.target);
    for (const f of features) requireColumn(version, f, 'feature');
    if (features.includes(request.target)) {
      throw new ApiError(
        'INVALID_INPUT',
        `"${request.target}" is the target, so it cannot also be a feature; remove it from the features.`,
      );
    }
    if (features.length === 0) {
      throw new ApiError(
        'INVALID_INPUT',
        `${versionViewName(version.dataset, version.number)} has no column besides "${request.target}" to learn from; choose a dataset with feature columns.`,
      );
    }
    if (request.search && request.algorithms.length !== 1) {
      throw new ApiError(
        'INVALID_INPUT',
        'A parameter search tunes one algorithm at a time; choose a single algorithm to search.',
      );
    }
    const splitColumn =
      request.validation?.kind === 'holdout' && 'column' in request.validation
        ? request.validation.column
        : undefined;
    if (splitColumn !== undefined) {
      requireColumn(version, splitColumn, 'validation');
      if (!features.includes(splitColumn)) {
        throw new ApiError(
          'INVALID_INPUT',
          `The ${request.validation?.kind === 'holdout' && 'strategy' in request.validation ? request.validation.strategy : 'split'} column "${splitColumn}" must also be a feature, since the split reads it from the training columns; add it to the features or choose another validation.`,
        );
      }
    }
    const seed = request.seed ?? DEFAULT_SEED;
    for (const a of request.algorithms) checkParams(a.algorithm, a.params);
    if (request.search) checkParams(request.algorithms[0]!.algorithm, firstValues(request.search.space));

    // The task decides which algorithms apply and is recorded with each run: read the target now.
    const loadedTarget = await this.withConnection((c) =>
      loadTable(c, versionTable(version.id), { target: request.target, features: [] }),
    );
    const targetColumn = loadedTarget.target as Column;
    const task = request.task ?? inferTask(targetColumn);
    encodeTarget(targetColumn, task);
    for (const a of request.algorithms) checkAlgorithmTask(a.algorithm, task, request.target);

    const validation: ValidationSpec = request.validation ?? { kind: 'holdout', fraction: 0.2 };
    const experiment = request.experiment ?? `${version.dataset} → ${request.target}`;
    const environment = runEnvironment();
    const planned: PlannedRun[] = request.algorithms.map((a) => ({
      id: newId('r'),
      algorithm: a.algorithm,
      params: { ...resolveParams(a.algorithm, a.params as TrainParams), ...(a.params as TrainParams), seed },
    }));
    await this.withStore(async (c) => {
      for (const run of planned) {
        await insertRun(c, {
          id: run.id,
          experiment,
          datasetId: await datasetIdOf(c, version.id),
          versionId: version.id,
          datasetName: version.dataset,
          versionNumber: version.number,
          target: request.target,
          task,
          algorithm: run.algorithm,
          params: run.params as Record<string, ParamValue>,
          seed,
          detail: emptyDetail(features, validation, environment, []),
        });
      }
    });
    for (const run of planned) this.events.emit('runs.changed', { runId: run.id });

    const label = `Training ${planned.length} model${planned.length === 1 ? '' : 's'} on ${versionViewName(version.dataset, version.number)} → ${request.target}`;
    const workspace = this.workspace();
    const { jobId, outcome } = this.jobs.start({ kind: 'train', label }, (ctx) =>
      this.runJob(ctx, workspace, version, request, task, features, validation, planned, environment),
    );
    return { jobId, runIds: planned.map((r) => r.id), outcome };
  }

  private async runJob(
    ctx: JobContext,
    workspace: Workspace,
    version: DatasetVersion,
    request: TrainRequest,
    task: Task,
    features: string[],
    validation: ValidationSpec,
    planned: PlannedRun[],
    environment: Record<string, string | number>,
  ): Promise<RunDetail[]> {
    const finished = new Set<string>();
    const finish = async (run: PlannedRun, patch: Parameters<typeof finishRun>[2]): Promise<void> => {
      await this.withStore((c) => finishRun(c, run.id, patch));
      finished.add(run.id);
      this.events.emit('runs.changed', { runId: run.id });
    };
    let progress: RunProgress = {
      runId: planned[0]!.id,
      jobId: ctx.jobId,
      stage: 'Loading data',
      iteration: 0,
      total: 0,
    };
    let lastSent = 0;
    const send = (p: RunProgress): void => {
      progress = p;
      lastSent = Date.now();
      this.events.emit('run.progress', p);
    };
    const heartbeat = setInterval(() => {
      if (Date.now() - lastSent >= HEARTBEAT_MS) send(progress);
    }, HEARTBEAT_MS / 4);
    try {
      ctx.progress({ stage: 'Loading data', fraction: 0 });
      send(progress);
      const connection = await workspace.connect();
      let loaded: Awaited<ReturnType<typeof loadTrainData>>;
      try {
        loaded = await loadTrainData(connection, versionTable(version.id), {
          target: request.target,
          features,
          signal: ctx.signal,
          onColumn: (done, total) =>
            ctx.progress({
              stage: `Loading data (${done} of ${total} columns)`,
              fraction: (0.05 * done) / total,
            }),
        });
      } finally {
        workspace.release(connection);
      }
      if (loaded.columns.length === 0) {
        throw new ApiError(
          'INVALID_INPUT',
          `None of the chosen features can be used: ${loaded.notes.join(' ')}`,
        );
      }
      const warnings = [...loaded.notes];
      if (!request.features) {
        // Chosen by default, a text column with a value per row (names, ids) only lets trees
        // memorise rows; a person who lists it explicitly still gets it.
        const split = 'column' in validation ? validation.column : undefined;
        const idLike = loaded.columns.filter((c) => c.name !== split && isIdLike(c, loaded.rows));
        if (idLike.length > 0 && idLike.length < loaded.columns.length) {
          loaded.data.columns = loaded.columns = loaded.columns.filter((c) => !idLike.includes(c));
          warnings.push(
            `Left out ${idLike.map((c) => `"${c.name}" (${(c as CategoricalColumn).dictionary.length.toLocaleString('en-US')} different values)`).join(', ')}: text with nearly a value per row, like an ID or free text, lets a model memorise rows instead of learning; choose it as a feature explicitly to use it anyway.`,
          );
        }
      }
      const usedFeatures = loaded.columns.map((c) => c.name);
      let firstError: ApiError | null = null;
      for (let i = 0; i < planned.length; i++) {
        const run = planned[i]!;
        ctx.throwIfCancelled();
        const spec = algorithmSpec(run.algorithm);
        const name = planned.length > 1 ? `${spec.label} (${i + 1} of ${planned.length})` : spec.label;
        const onProgress = (p: TrainProgress): void => {
          const inner = p.total > 0 ? Math.min(1, p.iteration / p.total) : 0;
          const within = p.folds && p.fold ? (p.fold - 1 + inner) / (p.folds + 1) : inner;
          ctx.progress({
            stage: `${name}: ${describeProgress(p)}`,
            fraction: 0.05 + (0.95 * (i + within)) / planned.length,
          });
          send({ runId: run.id, jobId: ctx.jobId, ...p });
        };
        send({ runId: run.id, jobId: ctx.jobId, stage: 'Starting', iteration: 0, total: 0 });
        const job: TrainJob = {
          data: loaded.data,
          algorithm: run.algorithm,
          params: run.params,
          task,
          validation,
        };
        // The last run may take the buffers; earlier ones get copies, since the next still needs them.
        const options: WorkerOptions = { signal: ctx.signal, onProgress, transfer: i === planned.length - 1 };
        try {
          const { result, search } = request.search
            ? await this.searchThenTrain(job, request.search, options)
            : { result: await trainInWorker(job, options), search: undefined };
          ctx.throwIfCancelled();
          const modelPath = await writeModelFile(workspace.root, run.id, result.model);
          await finish(run, {
            status: 'succeeded',
            metrics: result.metrics,
            params: result.params as Record<string, ParamValue>,
            detail: detailOf(result, usedFeatures, validation, environment, warnings, search),
            fitSeconds: result.fitSeconds,
            ...(result.backend ? { backend: result.backend } : {}),
            modelPath,
          });
        } catch (error) {
          if (ctx.signal.aborted || (error instanceof ApiError && error.code === 'CANCELLED')) throw error;
          const apiError =
            error instanceof ApiError
              ? error
              : new ApiError('INTERNAL', `Training failed unexpectedly: ${messageOf(error)}`);
          firstError ??= apiError;
          await removeRunArtifacts(workspace.root, run.id);
          await finish(run, {
            status: 'failed',
            error: apiError.message,
            detail: emptyDetail(usedFeatures, validation, environment, warnings),
          });
        }
      }
      const results = await this.withStore((c) =>
        Promise.all(planned.map((r) => getRun(c, r.id, workspace.root))),
      );
      const succeeded = results.filter((r) => r.status === 'succeeded').length;
      if (succeeded === 0 && firstError) throw firstError;
      ctx.finalStage(
        planned.length === 1
          ? 'Trained'
          : `Trained ${succeeded} of ${planned.length} models${succeeded < planned.length ? ` (${planned.length - succeeded} failed)` : ''}`,
      );
      return results;
    } catch (error) {
      const cancelled = ctx.signal.aborted || (error instanceof ApiError && error.code === 'CANCELLED');
      const message =
        error instanceof ApiError ? error.message : `Training failed unexpectedly: ${messageOf(error)}`;
      for (const run of planned) {
        if (finished.has(run.id)) continue;
        await removeRunArtifacts(workspace.root, run.id).catch(() => undefined);
        await finish(run, cancelled ? { status: 'cancelled' } : { status: 'failed', error: message }).catch(
          () => undefined,
        );
      }
      if (cancelled) {
        const abort = new Error('Training was cancelled.');
        abort.name = 'AbortError';
        throw abort;
      }
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Runs the search, then trains the best params once more for the model, curves and diagnostics. */
  private async searchThenTrain(
    job: TrainJob,
    search: NonNullable<TrainRequest['search']>,
    options: WorkerOptions,
  ): Promise<{ result: TrainResult; search: RunSearch }> {
    const found = await searchInWorker(
      {
        base: job,
        space: search.space as ParamSpace,
        strategy: search.strategy,
        ...(search.maxTrials ? { maxTrials: search.maxTrials } : {}),
        ...(search.maxSeconds ? { maxSeconds: search.maxSeconds } : {}),
      },
      { ...options, transfer: false },
    );
    const result = await trainInWorker({ ...job, params: { ...job.params, ...found.best.params } }, options);
    return {
      result,
      search: {
        strategy: search.strategy,
        metric: found.metric,
        stoppedBy: found.stoppedBy,
        trials: found.trials.map((t) => ({
          params: t.params as Record<string, ParamValue>,
          metrics: t.metrics,
          score: t.score,
          fitSeconds: t.fitSeconds,
        })),
      },
    };
  }

  async list(filter: { experiment?: string; dataset?: string } = {}): Promise<RunSummary[]> {
    return this.withStore((c) => listRuns(c, filter));
  }

  async get(runId: string): Promise<RunDetail> {
    const root = this.workspace().root;
    return this.withStore((c) => getRun(c, runId, root));
  }

  async delete(runId: string): Promise<{ deleted: boolean }> {
    const root = this.workspace().root;
    const deleted = await this.withStore(async (c) => {
      const found = await listRuns(c).then((runs) => runs.find((r) => r.id === runId));
      if (!found) return false;
      if (found.status === 'running') {
        throw new ApiError(
          'CONFLICT',
          `Run ${runId} is still training; cancel its job first, then delete it.`,
        );
      }
      return deleteRunRow(c, runId);
    });
    if (deleted) {
      await removeRunArtifacts(root, runId);
      this.events.emit('runs.changed', { runId });
    }
    return { deleted };
  }

  /** Predicts with a run's model as a job; `outcome` resolves to where the predictions went. */
  async predict(request: PredictRequest): Promise<{ jobId: string; outcome: Promise<PredictOutcome> }> {
    if ((request.version === undefined) === (request.path === undefined)) {
      throw new ApiError(
        'INVALID_INPUT',
        'Give either a dataset version or a file to predict on, not both and not neither.',
      );
    }
    if (!request.out && !request.saveAs) {
      throw new ApiError(
        'INVALID_INPUT',
        'Say where the predictions go: a file to write (CSV or Parquet) or a dataset name to save them as.',
      );
    }
    const run = await this.get(request.runId);
    if (run.status !== 'succeeded' || !run.modelPath) {
      throw new ApiError(
        'CONFLICT',
        `Run ${run.id} has no model to predict with (it ${run.status === 'running' ? 'is still training' : run.status}); pick a run that succeeded.`,
      );
    }
    const input = request.version
      ? await this.datasets.version(request.version).then((v) => ({ version: v }))
      : { path: request.path as string };
    const workspace = this.workspace();
    const inputLabel =
      'version' in input ? versionViewName(input.version.dataset, input.version.number) : input.path;
    return this.jobs.start(
      { kind: 'predict', label: `Predicting ${run.target} with run ${run.id} on ${inputLabel}` },
      async (ctx) => {
        const outcome = await runPrediction(ctx, workspace, run, input, request);
        if (outcome.dataset)
          this.events.emit('datasets.changed', { dataset: outcome.dataset.split('@')[0]! });
        return outcome;
      },
    );
  }

  private async withConnection<T>(work: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    const workspace = this.workspace();
    const connection = await workspace.connect();
    try {
      return await work(connection);
    } finally {
      workspace.release(connection);
    }
  }
}

function requireColumn(
  version: DatasetVersion,
  name: string,
  role: 'target' | 'feature' | 'validation',
): void {
  if (version.columns.some((c) => c.name === name)) return;
  throw new ApiError(
    'INVALID_INPUT',
    `${versionViewName(version.dataset, version.number)} has no column "${name}"; choose the ${role === 'validation' ? 'column to split by' : role} from its columns (${version.columns.map((c) => c.name).join(', ')}).`,
  );
}

async function datasetIdOf(connection: DuckDBConnection, versionId: string): Promise<string> {
  const reader = await connection.runAndReadAll(
    'SELECT dataset_id FROM assay.dataset_versions WHERE id = $1',
    [versionId],
  );
  return String(reader.getRowsJS()[0]?.[0] ?? '');
}

function detailOf(
  result: TrainResult,
  features: string[],
  validation: ValidationSpec,
  environment: Record<string, string | number>,
  warnings: string[],
  search: RunSearch | undefined,
): StoredDetail {
  return {
    features,
    validation,
    ...(result.classes ? { classes: result.classes } : {}),
    ...(result.metricsStd ? { metricsStd: result.metricsStd } : {}),
    ...(result.folds ? { folds: result.folds } : {}),
    diagnostics: result.diagnostics,
    importance: result.importance,
    history: result.history,
    predictSecondsPerRow: result.predictSecondsPerRow,
    trainRows: result.trainRows,
    validRows: result.validRows,
    environment,
    ...(warnings.length ? { warnings } : {}),
    ...(search ? { search } : {}),
  };
}

/** A run's record before it has a result, or when it never gets one. */
function emptyDetail(
  features: string[],
  validation: ValidationSpec,
  environment: Record<string, string | number>,
  warnings: string[],
): StoredDetail {
  return {
    features,
    validation,
    diagnostics: {},
    importance: {},
    history: { iterations: 0, trainLoss: [], validLoss: [] },
    environment,
    ...(warnings.length ? { warnings } : {}),
  };
}

/** The first value of each searched param, to check names and types before the search starts. */
function firstValues(space: Record<string, ParamValue[]>): Record<string, ParamValue> {
  return Object.fromEntries(Object.entries(space).map(([k, v]) => [k, v[0] as ParamValue]));
}

function distinctLabels(target: Column): string[] {
  const out = new Set<string>();
  if (target.kind === 'categorical') {
    for (const c of target.codes) if (c >= 0) out.add(target.dictionary[c]!);
  } else {
    for (const v of target.values) if (v === v) out.add(String(v));
  }
  return [...out].sort();
}

/** ID-like targets and classes too many or too rare to learn. */
function targetWarnings(
  target: Column,
  name: string,
  task: Task,
  classes: string[] | undefined,
  rows: number,
): string[] {
  const warnings: string[] = [];
  if (task === 'regression') {
    if (target.kind !== 'categorical' && rows >= 20) {
      const values = target.values;
      let integers = true;
      const seen = new Set<number>();
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (v !== v) continue;
        if (!Number.isInteger(v)) integers = false;
        seen.add(v);
      }
      if (integers && seen.size === rows) {
        warnings.push(
          `Every row has a different whole number in "${name}", like an ID; a model cannot learn an identifier, so check that this is the target you mean.`,
        );
      }
    }
    return warnings;
  }
  if (!classes) return warnings;
  if (target.kind === 'categorical' && classes.length > Math.max(MANY_CLASSES, rows / 2)) {
    warnings.push(
      `"${name}" has ${classes.length.toLocaleString('en-US')} different values in ${rows.toLocaleString('en-US')} rows, like an ID or free text; a model cannot learn it, so pick a target with fewer classes.`,
    );
  } else if (classes.length > MANY_CLASSES) {
    warnings.push(
      `"${name}" has ${classes.length} classes; training will be slow and per-class metrics thin. Group rare classes if you can.`,
    );
  }
  const y = encodeTarget(target, task).y;
  const counts = new Array<number>(classes.length).fill(0);
  for (let i = 0; i < y.length; i++) if (y[i] === y[i]) counts[y[i]!]!++;
  const rare = classes.filter((_, k) => counts[k]! < 2);
  if (rare.length > 0 && rare.length <= 10) {
    warnings.push(
      `The class${rare.length > 1 ? 'es' : ''} ${rare.map((c) => `"${c}"`).join(', ')} of "${name}" ${rare.length > 1 ? 'have' : 'has'} a single row, too few to validate; the scores for ${rare.length > 1 ? 'them' : 'it'} mean little.`,
    );
  }
  return warnings;
}

/** "Boosting 40/100, loss 0.31 (valid 0.35), fold 2/5" — the job's stage line. */
function describeProgress(p: TrainProgress): string {
  const count = p.total
    ? /\d/.test(p.stage)
      ? ` of ${p.total}`
      : ` ${Math.floor(p.iteration)}/${p.total}`
    : '';
  const loss =
    p.trainLoss !== undefined && Number.isFinite(p.trainLoss)
      ? `, loss ${p.trainLoss.toPrecision(3)}${p.validLoss !== undefined && Number.isFinite(p.validLoss) ? ` (valid ${p.validLoss.toPrecision(3)})` : ''}`
      : '';
  return `${p.stage}${count}${loss}${p.folds ? `, fold ${p.fold}/${p.folds}` : ''}`;
}

/** Text where more than half the rows (and over 20) have their own value. */
function isIdLike(column: Column, rows: number): boolean {
  return column.kind === 'categorical' && column.dictionary.length > Math.max(20, rows / 2);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
