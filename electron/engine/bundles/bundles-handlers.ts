/** Contract handlers for model bundles and the OCI registry (docs/architecture.md, "Inside the bundles capability"). */
import type { BundlesApi } from '../../../shared/bundles';
import { ApiError } from '../../../shared/errors';
import type { HandlerSlice } from '../core/handlers';

function notYet(): Promise<never> {
  return Promise.reject(new ApiError('UNSUPPORTED', 'Model bundles are not available in this build yet.'));
}

export function bundlesHandlers(): HandlerSlice<BundlesApi> {
  return {
    'bundles.export': notYet,
    'bundles.list': notYet,
    'bundles.get': notYet,
    'bundles.diff': notYet,
    'bundles.predict': notYet,
    'registry.push': notYet,
    'registry.pull': notYet,
    'registry.tags': notYet,
  };
}
