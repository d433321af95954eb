/**
 * The job's last step for each run: its row in the runs table and its model file. A run
 * is written 'running' when the job starts and ends exactly once, succeeded (metrics,
 * record, model), failed (the error sentence) or cancelled (no model); every change is
 * announced with `runs.changed` so open views refresh.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FeatureSetRef } from '../../../../shared/features/feature-sets';
import type { ParamValue, RunDetail } from '../../../../shared/training';
import type { EventBus } from '../../core/event-bus';
import { featureSetsOfVersion } from '../../features/sets/feature-set-store';
import {
  finishRun,
  getRun,
  insertRun,
  removeRunArtifacts,
  writeModelFile,
  type FinishedRun,
  type StoredDetail,
} from '../run-store';
import type { PlannedRun, TrainingPlan } from '../training-plan';
import type { FittedRun } from './fit-step';
import type { LoadedPlanData } from './load-step';

/** How the records reach the runs table: one connection used by one caller at a time. */
export type WithStore = <T>(work: (c: DuckDBConnection) => Promise<T>) => Promise<T>;

export class RunRecords {
  private readonly finished = new Set<string>();
  /** The feature-set versions the training version holds, recorded with every run. */
  private featureSets: FeatureSetRef[] = [];

  constructor(
    private readonly plan: TrainingPlan,
    private readonly root: string,
    private readonly withStore: WithStore,
    private readonly events: EventBus,
  ) {}

  /** One 'running' row per planned run, before the job starts. */
  async insertAll(): Promise<void> {
    const { plan } = this;
    await this.withStore(async (c) => {
      const datasetId = await datasetIdOf(c, plan.version.id);
      this.featureSets = await featureSetsOfVersion(c, plan.version.id);
      for (const run of plan.runs) {
        await insertRun(c, {
          id: run.id,
          experiment: plan.experiment,
          datasetId,
          versionId: plan.version.id,
          datasetName: plan.version.dataset,
          versionNumber: plan.version.number,
          target: plan.target,
          task: plan.task,
          algorithm: run.algorithm,
          params: run.params as Record<string, ParamValue>,
          seed: plan.seed,
          detail: this.emptyDetail(plan.features, []),
        });
      }
    });
    for (const run of plan.runs) this.events.emit('runs.changed', { runId: run.id });
  }

  async succeeded(run: PlannedRun, { result, search }: FittedRun, loaded: LoadedPlanData): Promise<void> {
    const modelPath = await writeModelFile(this.root, run.id, result.model);
    await this.finish(run, {
      status: 'succeeded',
      metrics: result.metrics,
      params: result.params as Record<string, ParamValue>,
      detail: {
        features: loaded.features,
        validation: this.plan.validation,
        ...(result.classes ? { classes: result.classes } : {}),
        ...(result.metricsStd ? { metricsStd: result.metricsStd } : {}),
        ...(result.folds ? { folds: result.folds } : {}),
        diagnostics: result.diagnostics,
        importance: result.importance,
        history: result.history,
        predictSecondsPerRow: result.predictSecondsPerRow,
        trainRows: result.trainRows,
        validRows: result.validRows,
        environment: this.plan.environment,
        ...(loaded.warnings.length ? { warnings: loaded.warnings } : {}),
        ...(search ? { search } : {}),
        ...this.setsRecorded(),
      },
      fitSeconds: result.fitSeconds,
      ...(result.backend ? { backend: result.backend } : {}),
      modelPath,
    });
  }

  /** A run whose own fit failed while the job goes on with the next. */
  async failed(run: PlannedRun, message: string, loaded: LoadedPlanData): Promise<void> {
    await removeRunArtifacts(this.root, run.id);
    await this.finish(run, {
      status: 'failed',
      error: message,
      detail: this.emptyDetail(loaded.features, loaded.warnings),
    });
  }

  /** After the job stopped early: every run not yet ended fails or is cancelled, best effort. */
  async endUnfinished(outcome: { cancelled: true } | { cancelled: false; message: string }): Promise<void> {
    for (const run of this.plan.runs) {
      if (this.finished.has(run.id)) continue;
      await removeRunArtifacts(this.root, run.id).catch(() => undefined);
      const patch: FinishedRun = outcome.cancelled
        ? { status: 'cancelled' }
        : { status: 'failed', error: outcome.message };
      await this.finish(run, patch).catch(() => undefined);
    }
  }

  /** The runs' final records, in plan order. */
  async results(): Promise<RunDetail[]> {
    return this.withStore((c) => Promise.all(this.plan.runs.map((r) => getRun(c, r.id, this.root))));
  }

  private async finish(run: PlannedRun, patch: FinishedRun): Promise<void> {
    await this.withStore((c) => finishRun(c, run.id, patch));
    this.finished.add(run.id);
    this.events.emit('runs.changed', { runId: run.id });
  }

  /** A run's record before it has a result, or when it never gets one. */
  private emptyDetail(features: string[], warnings: string[]): StoredDetail {
    return {
      features,
      validation: this.plan.validation,
      diagnostics: {},
      importance: {},
      history: { iterations: 0, trainLoss: [], validLoss: [] },
      environment: this.plan.environment,
      ...(warnings.length ? { warnings } : {}),
      ...this.setsRecorded(),
    };
  }

  private setsRecorded(): Pick<StoredDetail, 'featureSets'> {
    return this.featureSets.length > 0 ? { featureSets: this.featureSets } : {};
  }
}

async function datasetIdOf(connection: DuckDBConnection, versionId: string): Promise<string> {
  const reader = await connection.runAndReadAll(
    'SELECT dataset_id FROM assay.dataset_versions WHERE id = $1',
    [versionId],
  );
  return String(reader.getRowsJS()[0]?.[0] ?? '');
}
