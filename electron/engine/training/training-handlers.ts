/** Contract handlers for training, the runs table and prediction. */
import type { TrainingApi } from '../../../shared/training';
import type { HandlerSlice } from '../core/handlers';
import type { TrainingService } from './training-service';

export function trainingHandlers(training: TrainingService): HandlerSlice<TrainingApi> {
  return {
    'train.catalogue': async () => training.catalogue(),
    'train.inspect': async ({ version, target }) => training.inspect(version, target),
    'train.start': async (request) => {
      // The contract's schema has checked every param and search-space value by now.
      const { jobId, runIds } = await training.start(request);
      return { jobId, runIds };
    },
    'runs.list': async (filter) => training.list(filter),
    'runs.get': async ({ runId }) => training.get(runId),
    'runs.delete': async ({ runId }) => training.delete(runId),
    'runs.archive': async ({ runIds }) => ({ archived: await training.archive(runIds, true) }),
    'runs.restore': async ({ runIds }) => ({ restored: await training.archive(runIds, false) }),
    'runs.emptyArchive': async () => training.emptyArchive(),
    'runs.predict': async (request) => ({ jobId: (await training.predict(request)).jobId }),
  };
}
