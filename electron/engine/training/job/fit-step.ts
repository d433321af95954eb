/**
 * Fits one planned run on a worker thread: a plain training, or a parameter search whose
 * best params are then trained once more for the model, curves and diagnostics. Folds and
 * evaluation happen inside the worker (`runTraining`), so the result arrives with its
 * metrics.
 */
import type { ParamValue, RunSearch } from '../../../../shared/training';
import type { ParamSpace } from '../search';
import { searchInWorker, trainInWorker, type WorkerOptions } from '../train-in-worker';
import type { TrainingPlan } from '../training-plan';
import type { TrainJob, TrainResult } from '../types';

export interface FittedRun {
  result: TrainResult;
  search?: RunSearch;
}

export async function fitRun(
  job: TrainJob,
  search: TrainingPlan['search'],
  options: WorkerOptions,
): Promise<FittedRun> {
  if (!search) return { result: await trainInWorker(job, options) };
  return searchThenTrain(job, search, options);
}

async function searchThenTrain(
  job: TrainJob,
  search: NonNullable<TrainingPlan['search']>,
  options: WorkerOptions,
): Promise<Required<FittedRun>> {
  const found = await searchInWorker(
    {
      base: job,
      space: search.space as ParamSpace,
      strategy: search.strategy,
      ...(search.maxTrials ? { maxTrials: search.maxTrials } : {}),
      ...(search.maxSeconds ? { maxSeconds: search.maxSeconds } : {}),
    },
    // The final training still needs the data, so the search works on a copy.
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
