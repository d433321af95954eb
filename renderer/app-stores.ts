/**
 * The app's stores, each built once around the real API client. Store modules only
 * describe state and transitions over an `ApiClient` they are given (so their tests
 * hand them a fake one); this is the one place that binds them to `api` and to each
 * other. Views import their store from here.
 */
import { api } from './api/client';
import { createCleanStore } from './clean/clean-store';
import { createDatasetsStore } from './datasets/datasets-store';
import { createExperimentsStore } from './experiments/experiments-store';
import { createFeaturesStore } from './features/features-store';
import { createJobsStore } from './jobs/jobs-store';
import { createProfileStore } from './profile/profile-store';
import { createRegistryStore } from './registry/registry-store';
import { reportError, useToasts } from './shell/toast-store';
import { useUi } from './shell/ui-store';
import { createTrainStore } from './training/train-store';
import { createWorkspaceStore } from './workspace/workspace-store';

export const useWorkspace = createWorkspaceStore(api);
export const useJobs = createJobsStore(api, useToasts, useUi);
export const useDatasets = createDatasetsStore(api, useToasts);
export const useProfile = createProfileStore(api, useToasts);
export const useTrain = createTrainStore(api, useToasts);
export const useExperiments = createExperimentsStore(api, useToasts);
export const useRegistry = createRegistryStore(api, useToasts);
export const useClean = createCleanStore(api, useToasts, {
  // The new version an application made becomes the one in hand, in every view.
  openVersion: (version) =>
    void useDatasets
      .getState()
      .load()
      .then(() => useDatasets.getState().open(version.dataset, version.id))
      .catch((error: unknown) => reportError(error, useToasts)),
});
export const useFeatures = createFeaturesStore(api, useToasts, {
  // The version the features were applied to becomes the one in hand, in every view.
  openVersion: (version) =>
    void useDatasets
      .getState()
      .load()
      .then(() => useDatasets.getState().open(version.dataset, version.id))
      .catch((error: unknown) => reportError(error, useToasts)),
});
