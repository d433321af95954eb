/** Contract handlers for ranking features against a target (docs/architecture.md). */
import type { FeaturesApi } from '../../../../shared/features/ranking';
import type { HandlerSlice } from '../../core/handlers';
import type { RankingService } from './ranking-service';

export function rankingHandlers(ranking: RankingService): HandlerSlice<FeaturesApi> {
  return {
    'features.rank': async (request) => ({ jobId: (await ranking.start(request)).jobId }),
  };
}
