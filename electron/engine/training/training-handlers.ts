/** Contract handlers for training, the runs table and prediction. */
import type { TrainingApi, TrainRequest } from '../../../shared/training';
import type { HandlerSlice } from '../core/handlers';
import { checkParams } from './check-request';
import type { TrainingService } from './training-service';

export function trainingHandlers(training: TrainingService): HandlerSlice<TrainingApi> {
  return {
    'train.catalogue': async () => training.catalogue(),
    'train.inspect': async ({ version, target }) => training.inspect(version, target),
    'train.start': async (request) => {
      checkSearchSpace(request);
      const { jobId, runIds } = await training.start(request);
      return { jobId, runIds };
    },
    'runs.list': async (filter) => training.list(filter),
    'runs.get': async ({ runId }) => training.get(runId),
    'runs.delete': async ({ runId }) => training.delete(runId),
    'runs.predict': async (request) => ({ jobId: (await training.predict(request)).jobId }),
  };
}

/**
 * Every value of a search space is checked before the job starts, so no trial fails
 * half-way through a search on a value out of range (the service checks one value of each).
 */
function checkSearchSpace(request: TrainRequest): void {
  const algorithm = request.algorithms[0]?.algorithm;
  if (!request.search || algorithm === undefined) return;
  for (const [name, values] of Object.entries(request.search.space)) {
    for (const value of values) checkParams(algorithm, { [name]: value });
  }
}
