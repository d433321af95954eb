/**
 * The single contract between the engine and every caller (docs/architecture.md). A capability adds
 * its interface and its schemas (checked by `defineRequests`) here; the adapters (Electron IPC, the browser-mode server,
 * tests) are generic over this table and never change when a method is added.
 */
import type { z } from 'zod';
import type { Events } from './events';
import { appRequests, type AppApi } from './app';
import { bundlesRequests, type BundlesApi } from './bundles';
import { cleanRequests, type CleanApi } from './clean';
import { datasetsRequests, type DatasetsApi } from './datasets';
import { dialogsRequests, type DialogsApi } from './dialogs';
import { featureSetsRequests, type FeatureSetsApi } from './features/feature-sets';
import { featureRankRequests, type FeaturesApi as FeatureRankApi } from './features/ranking';
import { jobsRequests, type JobsApi } from './jobs';
import { profileRequests, type ProfileApi } from './profile';
import { trainingRequests, type TrainingApi } from './training';
import { workspaceRequests, type WorkspaceApi } from './workspace';

export type Api = AppApi &
  WorkspaceApi &
  JobsApi &
  DialogsApi &
  DatasetsApi &
  ProfileApi &
  CleanApi &
  TrainingApi &
  BundlesApi &
  FeatureSetsApi &
  FeatureRankApi;

export type ApiMethod = keyof Api;
export type ApiRequest<M extends ApiMethod> = Api[M]['request'];
export type ApiResponse<M extends ApiMethod> = Api[M]['response'];

/** Runtime schema for every method's request, used at each trust boundary. */
export const requestSchemas: { [M in ApiMethod]: z.ZodType<ApiRequest<M>> } = {
  ...appRequests,
  ...workspaceRequests,
  ...jobsRequests,
  ...dialogsRequests,
  ...datasetsRequests,
  ...profileRequests,
  ...cleanRequests,
  ...trainingRequests,
  ...bundlesRequests,
  ...featureSetsRequests,
  ...featureRankRequests,
};

export const apiMethods = Object.keys(requestSchemas) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(requestSchemas, name);
}

/** How a client calls the API, whatever the transport underneath. */
export interface ApiClient {
  call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>>;
  /** Subscribe to a push event; returns the unsubscribe function. */
  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void;
}
