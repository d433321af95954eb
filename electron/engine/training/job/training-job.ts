/**
 * One training job, top to bottom: load the plan's data once, then fit each planned run
 * on a worker thread and record it. A run that fails is recorded and the job goes on;
 * the job fails only when every run did. Cancelling, or an error outside a run, ends
 * every run not yet recorded.
 */
import { ApiError, messageOf } from '../../../../shared/errors';
import type { RunDetail } from '../../../../shared/training';
import type { EventBus } from '../../core/event-bus';
import type { JobContext } from '../../jobs/job-manager';
import type { Workspace } from '../../workspace/workspace';
import type { WorkerOptions } from '../train-in-worker';
import type { TrainingPlan } from '../training-plan';
import { fitRun } from './fit-step';
import { loadPlanData, type LoadedPlanData } from './load-step';
import { ProgressRelay } from './progress-relay';
import type { RunRecords } from './run-records';

export interface TrainingJobDeps {
  workspace: Workspace;
  events: EventBus;
  records: RunRecords;
}

export async function runTrainingJob(
  ctx: JobContext,
  plan: TrainingPlan,
  { workspace, events, records }: TrainingJobDeps,
): Promise<RunDetail[]> {
  const relay = new ProgressRelay(ctx, events, plan.runs[0]!.id);
  try {
    relay.loading();
    const loaded = await loadPlanData(ctx, workspace, plan, relay);
    const firstError = await fitAll(ctx, plan, loaded, relay, records);
    const results = await records.results();
    const succeeded = results.filter((r) => r.status === 'succeeded').length;
    if (succeeded === 0 && firstError) throw firstError;
    ctx.finalStage(finalStage(plan.runs.length, succeeded));
    return results;
  } catch (error) {
    const cancelled = isCancel(ctx, error);
    await records.endUnfinished(cancelled ? { cancelled } : { cancelled, message: failureMessage(error) });
    if (cancelled) {
      const abort = new Error('Training was cancelled.');
      abort.name = 'AbortError';
      throw abort;
    }
    throw error;
  } finally {
    relay.stop();
  }
}

/** Fits and records each run in turn; returns the first run's failure, if any. */
async function fitAll(
  ctx: JobContext,
  plan: TrainingPlan,
  loaded: LoadedPlanData,
  relay: ProgressRelay,
  records: RunRecords,
): Promise<ApiError | null> {
  let firstError: ApiError | null = null;
  for (let i = 0; i < plan.runs.length; i++) {
    const run = plan.runs[i]!;
    ctx.throwIfCancelled();
    const onProgress = relay.startRun(plan.runs, i);
    // The last run may take the buffers; earlier ones get copies, since the next still needs them.
    const options: WorkerOptions = { signal: ctx.signal, onProgress, transfer: i === plan.runs.length - 1 };
    const job = {
      data: loaded.data,
      algorithm: run.algorithm,
      params: run.params,
      task: plan.task,
      validation: plan.validation,
    };
    try {
      const fitted = await fitRun(job, plan.search, options);
      ctx.throwIfCancelled();
      await records.succeeded(run, fitted, loaded);
    } catch (error) {
      if (isCancel(ctx, error)) throw error;
      const apiError = error instanceof ApiError ? error : new ApiError('INTERNAL', failureMessage(error));
      firstError ??= apiError;
      await records.failed(run, apiError.message, loaded);
    }
  }
  return firstError;
}

function isCancel(ctx: JobContext, error: unknown): boolean {
  return ctx.signal.aborted || (error instanceof ApiError && error.code === 'CANCELLED');
}

function failureMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : `Training failed unexpectedly: ${messageOf(error)}`;
}

function finalStage(planned: number, succeeded: number): string {
  if (planned === 1) return 'Trained';
  const failed = planned - succeeded;
  return `Trained ${succeeded} of ${planned} models${failed > 0 ? ` (${failed} failed)` : ''}`;
}
