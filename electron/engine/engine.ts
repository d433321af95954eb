/**
 * The engine: every behaviour of Assay behind the contract's handler table. It runs in
 * the Electron main process, in the browser-mode server, in the CLI and in tests, and
 * imports nothing from Electron. Hosts that have native dialogs pass them in.
 */
import type { ApiClient, ApiMethod, ApiRequest, ApiResponse } from '../../shared/api';
import type { AppInfo } from '../../shared/app';
import type { DialogsApi } from '../../shared/dialogs';
import { appHandlers } from './app/app-handlers';
import { bundlesHandlers } from './bundles/bundles-handlers';
import { BundlesService } from './bundles/bundles-service';
import { cleanHandlers } from './clean/clean-handlers';
import { CleanService } from './clean/clean-service';
import { inProcessClient } from './core/in-process-client';
import { datasetsHandlers } from './datasets/datasets-handlers';
import { DatasetsService } from './datasets/datasets-service';
import { EventBus } from './core/event-bus';
import { rankingHandlers } from './features/ranking/ranking-handlers';
import { featureSetsHandlers } from './features/sets/feature-sets-handlers';
import { FeatureSetsService } from './features/sets/feature-sets-service';
import { RankingService } from './features/ranking/ranking-service';
import type { HandlerSlice, Handlers } from './core/handlers';
import { unsupportedDialogs } from './core/unsupported-dialogs';
import { JobManager } from './jobs/job-manager';
import { profileHandlers } from './profile/profile-handlers';
import { ProfileService } from './profile/profile-service';
import { jobsHandlers } from './jobs/jobs-handlers';
import { trainingHandlers } from './training/training-handlers';
import { TrainingService } from './training/training-service';
import { rememberWorkspace } from './workspace/recent-workspaces';
import { Workspace } from './workspace/workspace';
import { workspaceHandlers } from './workspace/workspace-handlers';
import { WorkspaceHost } from './workspace/workspace-host';

export interface EngineOptions {
  workspaceDir: string;
  /** Create the workspace when the folder has none (default true). */
  createWorkspace?: boolean;
  mode: AppInfo['mode'];
  /** Native dialogs from the desktop shell; refused elsewhere. */
  dialogs?: HandlerSlice<DialogsApi>;
}

export class Engine {
  readonly handlers: Handlers;
  /** The contract as an in-process caller sees it: validated like IPC and WebSocket calls. */
  readonly client: ApiClient;
  readonly datasets: DatasetsService;
  readonly profiles: ProfileService;
  readonly clean: CleanService;
  readonly training: TrainingService;
  readonly bundles: BundlesService;
  readonly ranking: RankingService;
  readonly featureSets: FeatureSetsService;

  private constructor(
    readonly events: EventBus,
    readonly jobs: JobManager,
    readonly host: WorkspaceHost,
    options: EngineOptions,
  ) {
    this.datasets = new DatasetsService(() => host.current(), jobs, events);
    this.profiles = new ProfileService(() => host.current(), jobs, events, this.datasets);
    this.clean = new CleanService(() => host.current(), jobs, events);
    this.training = new TrainingService(() => host.current(), jobs, events, this.datasets);
    this.bundles = new BundlesService({
      workspace: () => host.current(),
      jobs,
      events,
      datasets: this.datasets,
      profiles: this.profiles,
      training: this.training,
    });
    this.ranking = new RankingService(() => host.current(), jobs, this.datasets);
    this.featureSets = new FeatureSetsService(() => host.current(), jobs, events);
    this.handlers = {
      ...appHandlers(options.mode, options.dialogs !== undefined),
      ...workspaceHandlers(host),
      ...jobsHandlers(jobs),
      ...datasetsHandlers(this.datasets),
      ...profileHandlers(this.profiles),
      ...cleanHandlers(this.clean),
      ...trainingHandlers(this.training),
      ...bundlesHandlers(this.bundles),
      ...rankingHandlers(this.ranking),
      ...featureSetsHandlers(this.featureSets),
      ...(options.dialogs ?? unsupportedDialogs()),
    };
    this.client = inProcessClient(this.handlers, events);
  }

  static async create(options: EngineOptions): Promise<Engine> {
    const workspace = await Workspace.open(options.workspaceDir, { create: options.createWorkspace ?? true });
    // The recent list is a convenience; a read-only config folder must not stop the app.
    await rememberWorkspace(workspace.root).catch(() => undefined);
    const events = new EventBus();
    const jobs = new JobManager(events);
    return new Engine(events, jobs, new WorkspaceHost(workspace, events, jobs), options);
  }

  /** Typed call for in-process callers (tests, the CLI): throws `ApiError` on failure. */
  call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
    return this.client.call(method, request);
  }

  /** The workspace open right now (it changes when the user switches). */
  get workspace(): Workspace {
    return this.host.current();
  }

  async close(): Promise<void> {
    await this.jobs.cancelAll();
    this.host.current().close();
  }
}
