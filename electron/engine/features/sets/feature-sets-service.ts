/**
 * The feature sets capability for one engine: creates set versions and point-in-time
 * joins as jobs, and answers the list, a set's versions and its usage from the workspace
 * (docs/architecture.md, "Inside the features capability").
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  CreateFeatureSetRequest,
  FeatureJoinRequest,
  FeatureJoinResult,
  FeatureSetSummary,
  FeatureSetUsage,
  FeatureSetVersion,
} from '../../../../shared/features/feature-sets';
import type { EventBus } from '../../core/event-bus';
import type { JobManager } from '../../jobs/job-manager';
import type { Workspace } from '../../workspace/workspace';
import { runFeatureJoin } from '../join/run-join';
import { runCreateFeatureSet } from './create-feature-set';
import { getSetVersion, listSets, setVersions } from './feature-set-store';
import { featureSetUsage } from './feature-set-usage';

export class FeatureSetsService {
  constructor(
    private readonly workspace: () => Workspace,
    private readonly jobs: JobManager,
    private readonly events: EventBus,
  ) {}

  private use<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.workspace().withConnection(work);
  }

  private deps() {
    const workspace = this.workspace();
    return { connect: () => workspace.connect(), release: (c: DuckDBConnection) => workspace.release(c) };
  }

  startCreate(request: CreateFeatureSetRequest): { jobId: string; outcome: Promise<FeatureSetVersion> } {
    const deps = this.deps();
    return this.jobs.start(
      { kind: 'featureset', label: `Creating feature set ${request.name}` },
      async (ctx) => {
        const version = await runCreateFeatureSet(ctx, deps, request);
        this.events.emit('datasets.changed', { dataset: version.materialised.label.replace(/@\d+$/, '') });
        return version;
      },
    );
  }

  startJoin(request: FeatureJoinRequest): { jobId: string; outcome: Promise<FeatureJoinResult> } {
    const deps = this.deps();
    return this.jobs.start(
      { kind: 'featurejoin', label: `Joining features into ${request.name}` },
      async (ctx) => {
        const result = await runFeatureJoin(ctx, deps, request);
        this.events.emit('datasets.changed', { dataset: result.label.replace(/@\d+$/, '') });
        return result;
      },
    );
  }

  list(): Promise<FeatureSetSummary[]> {
    return this.use((c) => listSets(c));
  }

  get(name: string, version?: number): Promise<FeatureSetVersion> {
    return this.use((c) => getSetVersion(c, name, version));
  }

  versions(name: string): Promise<FeatureSetVersion[]> {
    return this.use((c) => setVersions(c, name));
  }

  usage(name: string, version?: number): Promise<FeatureSetUsage> {
    return this.use(async (c) => {
      await setVersions(c, name);
      return featureSetUsage(c, name, version);
    });
  }
}
