/**
 * Training as the workspace keeps it. `start` checks a request into a training plan,
 * writes one run row per algorithm (status running) and starts ONE job that runs the
 * plan's steps (job/training-job.ts: load once, fit each run in a worker, record it).
 * Also the catalogue, a target's inspection, the runs table, a run's record, its
 * deletion and prediction with its model.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { ApiError } from '../../../shared/errors';
import type {
  AlgorithmInfo,
  RunDetail,
  RunSummary,
  TargetInfo,
  TrainRequest,
} from '../../../shared/training';
import type { EventBus } from '../core/event-bus';
import type { DatasetsService } from '../datasets/datasets-service';
import { versionTable, versionViewName } from '../datasets/dataset-store';
import { SerialConnection } from '../db/serial-connection';
import type { JobManager } from '../jobs/job-manager';
import type { Workspace } from '../workspace/workspace';
import { CATALOGUE } from './catalogue';
import { inspectTarget } from './inspect-target';
import { runTrainingJob } from './job/training-job';
import { RunRecords } from './job/run-records';
import { idLikeColumns } from './id-like';
import { describeTable, loadTable } from './load-train-data';
import { runPrediction, type PredictRequest, type PredictOutcome } from './predict-run';
import {
  deleteArchivedRows,
  deleteRunRow,
  failInterruptedRuns,
  getRun,
  listRuns,
  removeRunArtifacts,
  setArchived,
} from './run-store';
import { checkTrainRequest, planTraining, requireColumn } from './training-plan';
import type { Column } from './types';

export interface StartedTraining {
  jobId: string;
  runIds: string[];
  /** Resolves when the job ends, to the runs' final records (the CLI waits on it). */
  outcome: Promise<RunDetail[]>;
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
      params: a.params.map((p) => ({ ...p })),
    }));
  }

  /** The task a target poses, its classes, and what a person should know before training on it. */
  async inspect(versionRef: string, targetName: string): Promise<TargetInfo> {
    const version = await this.datasets.version(versionRef);
    requireColumn(version, targetName, 'target');
    const table = versionTable(version.id);
    return this.withConnection(async (c) => {
      const loaded = await loadTable(c, table, { target: targetName, features: [] });
      const excluded = await idLikeColumns(c, table, await describeTable(c, table), targetName, loaded.rows);
      return { ...inspectTarget(loaded, targetName), excludedFeatures: excluded };
    });
  }

  /** Checks the request into a plan, writes the run rows and starts the job. */
  async start(request: TrainRequest): Promise<StartedTraining> {
    const version = await this.datasets.version(request.version);
    const features = checkTrainRequest(version, request);
    // The task decides which algorithms apply and is recorded with each run: read the target now.
    const loadedTarget = await this.withConnection((c) =>
      loadTable(c, versionTable(version.id), { target: request.target, features: [] }),
    );
    const plan = planTraining(version, request, features, loadedTarget.target as Column);
    const workspace = this.workspace();
    const records = new RunRecords(plan, workspace.root, (work) => this.withStore(work), this.events);
    await records.insertAll();
    const count = plan.runs.length;
    const label = `Training ${count} model${count === 1 ? '' : 's'} on ${versionViewName(version.dataset, version.number)} → ${request.target}`;
    const { jobId, outcome } = this.jobs.start({ kind: 'train', label }, (ctx) =>
      runTrainingJob(ctx, plan, { workspace, events: this.events, records }),
    );
    return { jobId, runIds: plan.runs.map((r) => r.id), outcome };
  }

  async list(
    filter: { experiment?: string; dataset?: string; archived?: boolean } = {},
  ): Promise<RunSummary[]> {
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

  /** Archives (or restores) finished runs; a running run is left as it is. Returns how many changed. */
  async archive(runIds: string[], archived: boolean): Promise<number> {
    const changed = await this.withStore((c) => setArchived(c, runIds, archived));
    for (const runId of changed) this.events.emit('runs.changed', { runId });
    return changed.length;
  }

  /** Deletes the archived runs for good, model files included. */
  async emptyArchive(): Promise<{ deleted: number }> {
    const root = this.workspace().root;
    const ids = await this.withStore((c) => deleteArchivedRows(c));
    for (const runId of ids) {
      await removeRunArtifacts(root, runId);
      this.events.emit('runs.changed', { runId });
    }
    return { deleted: ids.length };
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
    return this.workspace().withConnection(work);
  }
}
