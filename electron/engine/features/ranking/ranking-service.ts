/**
 * Ranking features against a target as a job on a connection of its own, so the grid and
 * other calls keep answering while it reads the version (docs/architecture.md, "Inside
 * the features capability"). Nothing is stored: a ranking is quick to compute again.
 */
import type { FeatureRankRequest, FeatureRanking } from '../../../../shared/features/ranking';
import { versionTable, versionViewName } from '../../datasets/dataset-store';
import type { DatasetsService } from '../../datasets/datasets-service';
import type { JobManager } from '../../jobs/job-manager';
import type { Workspace } from '../../workspace/workspace';
import { computeRanking } from './compute-ranking';
import { planColumns } from './rank-columns';

export class RankingService {
  constructor(
    private readonly workspace: () => Workspace,
    private readonly jobs: JobManager,
    private readonly datasets: DatasetsService,
  ) {}

  /**
   * Checks the request against the version (a bad target or column is refused before any
   * job starts) and starts the ranking; `outcome` resolves to it (the CLI and tests wait).
   */
  async start(request: FeatureRankRequest): Promise<{ jobId: string; outcome: Promise<FeatureRanking> }> {
    const reference =
      request.version === undefined ? request.dataset : `${request.dataset}@${request.version}`;
    const version = await this.datasets.version(reference);
    const name = versionViewName(version.dataset, version.number);
    const plan = planColumns(version.columns, name, request.target, request.columns);
    const workspace = this.workspace();
    const label = `Ranking features of ${name} against ${request.target}`;
    return this.jobs.start({ kind: 'features.rank', label }, async (ctx) => {
      const started = performance.now();
      const connection = await workspace.connect();
      try {
        const core = await computeRanking(connection, versionTable(version.id), plan, {
          signal: ctx.signal,
          onProgress: (fraction, stage) => ctx.progress({ fraction, stage }),
        });
        ctx.finalStage(`Ranked ${core.features.length} features`);
        return {
          dataset: version.dataset,
          version: version.number,
          versionId: version.id,
          ...core,
          seconds: (performance.now() - started) / 1000,
        };
      } finally {
        workspace.release(connection);
      }
    });
  }
}
