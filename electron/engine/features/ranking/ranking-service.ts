/**
 * Ranking features against a target as a job on a connection of its own, so the grid and
 * other calls keep answering while it reads the version (docs/architecture.md, "Inside
 * the features capability"). Nothing is stored: a ranking is cheap to compute again.
 */
import type { FeatureRankRequest, FeatureRanking } from '../../../../shared/features/ranking';
import { ApiError } from '../../../../shared/errors';
import type { DatasetsService } from '../../datasets/datasets-service';
import type { JobManager } from '../../jobs/job-manager';
import type { Workspace } from '../../workspace/workspace';

export class RankingService {
  constructor(
    private readonly workspace: () => Workspace,
    private readonly jobs: JobManager,
    private readonly datasets: DatasetsService,
  ) {}

  /** Starts the ranking job; `outcome` resolves to the ranking (the CLI and tests wait on it). */
  async start(request: FeatureRankRequest): Promise<{ jobId: string; outcome: Promise<FeatureRanking> }> {
    const reference =
      request.version === undefined ? request.dataset : `${request.dataset}@${request.version}`;
    await this.datasets.version(reference);
    void this.workspace;
    return this.jobs.start({ kind: 'features.rank', label: 'Ranking features' }, () => {
      throw new ApiError('INVALID_INPUT', 'Ranking features is not built yet.');
    });
  }
}
