/** Contract handlers for model bundles and the OCI registry (docs/architecture.md, "Inside the bundles capability"). */
import type { BundlesApi } from '../../../shared/bundles';
import type { HandlerSlice } from '../core/handlers';
import { predictWithBundle } from './bundle-predict';
import type { BundlesService } from './bundles-service';
import { repositoryTags, startPull, startPush } from './registry-transfer';

export function bundlesHandlers(bundles: BundlesService): HandlerSlice<BundlesApi> {
  return {
    'bundles.export': async (request) => ({ jobId: bundles.startExport(request).jobId }),
    'bundles.list': async () => bundles.list(),
    'bundles.get': async ({ model, version }) => bundles.get(model, version),
    'bundles.diff': async ({ model, from, to }) => bundles.diff(model, from, to),
    'bundles.predict': async (request) => {
      const workspace = bundles.deps.workspace();
      const { jobId } = bundles.deps.jobs.start(
        { kind: 'predict', label: 'Predicting with a bundle' },
        (ctx) => predictWithBundle(ctx, workspace, request),
      );
      return { jobId };
    },
    'registry.push': async (request) => ({ jobId: startPush(bundles, request).jobId }),
    'registry.pull': async (request) => ({ jobId: startPull(bundles, request).jobId }),
    'registry.tags': async ({ reference, plainHttp, credentials }) =>
      repositoryTags(reference, plainHttp, credentials),
  };
}
