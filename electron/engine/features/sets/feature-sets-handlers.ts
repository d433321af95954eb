/** Contract handlers for feature sets: create and join (jobs), list, get, versions, usage. */
import type { FeatureSetsApi } from '../../../../shared/features/feature-sets';
import type { HandlerSlice } from '../../core/handlers';
import type { FeatureSetsService } from './feature-sets-service';

export function featureSetsHandlers(sets: FeatureSetsService): HandlerSlice<FeatureSetsApi> {
  return {
    'featureSets.create': async (request) => ({ jobId: sets.startCreate(request).jobId }),
    'featureSets.list': async () => sets.list(),
    'featureSets.get': async ({ name, version }) => sets.get(name, version),
    'featureSets.versions': async ({ name }) => sets.versions(name),
    'featureSets.usage': async ({ name, version }) => sets.usage(name, version),
    'featureSets.join': async (request) => ({ jobId: sets.startJoin(request).jobId }),
  };
}
