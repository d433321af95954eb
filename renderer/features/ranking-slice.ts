/**
 * The ranking part of the Features store: every column of the version in hand scored
 * against a target by a `features.rank` job (docs/architecture.md, "The Features
 * view"), with its progress, a cancel, the engine's sentence when it fails, and the
 * table's sort. Nothing is stored by the engine; a new version or target starts afresh.
 */
import type { StoreApi } from 'zustand';
import type { ApiClient } from '../../shared/api';
import type { DatasetVersion } from '../../shared/datasets';
import { messageOf } from '../../shared/errors';
import type { FeatureRanking, FeatureScore } from '../../shared/features/ranking';
import { runJob } from '../../shared/run-job';

export type RankSortKey =
  'rank' | 'column' | 'mutualInformation' | 'pValue' | 'correlation' | 'gainRatio' | 'importance' | 'missing';

export interface RankingSlice {
  rankTarget: string;
  ranking: FeatureRanking | null;
  rankProgress: { fraction: number | null; stage: string } | null;
  rankError: string | null;
  sort: { key: RankSortKey; descending: boolean };
  setRankTarget(target: string): void;
  rank(): Promise<void>;
  cancelRank(): void;
  sortBy(key: RankSortKey): void;
  /** Forget the ranking (a new version in hand); a job still running is cancelled and ignored. */
  resetRanking(): void;
}

export const RANK_CANCELLED = 'The ranking was cancelled.';

export const RANKING_CLEARED = {
  ranking: null,
  rankProgress: null,
  rankError: null,
};

interface RankingHost extends RankingSlice {
  version: DatasetVersion | null;
}

/** Sorting by a score shows the largest first; by name, rank, p-value or missing, the smallest. */
const SMALL_FIRST = new Set<RankSortKey>(['rank', 'column', 'pValue', 'missing']);

function sortValue(score: FeatureScore, key: RankSortKey): number | string {
  switch (key) {
    case 'column':
      return score.column.toLowerCase();
    case 'pValue':
      return score.test.pValue ?? Infinity;
    case 'correlation':
      return score.correlation === null ? -Infinity : Math.abs(score.correlation);
    default:
      return score[key];
  }
}

/** The ranking's features in the table's order. */
export function sortedScores(ranking: FeatureRanking, sort: RankingSlice['sort']): FeatureScore[] {
  const sign = sort.descending ? -1 : 1;
  return [...ranking.features].sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    const order = x < y ? -1 : x > y ? 1 : 0;
    return order * sign || a.rank - b.rank;
  });
}

export function rankingSlice<S extends RankingHost>(
  client: ApiClient,
  store: () => StoreApi<S>,
): RankingSlice {
  let controller: AbortController | null = null;
  let sequence = 0;
  const get = () => store().getState();
  const set = (patch: Partial<RankingHost>) => store().setState(patch as Partial<S>);
  return {
    rankTarget: '',
    ...RANKING_CLEARED,
    sort: { key: 'rank', descending: false },
    setRankTarget: (rankTarget) => {
      if (rankTarget === get().rankTarget) return;
      get().resetRanking();
      set({ rankTarget });
    },
    resetRanking: () => {
      sequence += 1;
      controller?.abort();
      set(RANKING_CLEARED);
    },
    rank: async () => {
      const { version, rankTarget, rankProgress } = get();
      if (!version || !rankTarget || rankProgress) return;
      const signal = (controller = new AbortController()).signal;
      const mine = ++sequence;
      set({ rankProgress: { fraction: 0, stage: 'Starting' }, rankError: null, ranking: null });
      try {
        const ranking = await runJob(
          client,
          'features.rank',
          { dataset: version.dataset, version: version.number, target: rankTarget },
          {
            signal,
            onProgress: (p) => {
              if (mine === sequence) set({ rankProgress: { fraction: p.fraction, stage: p.stage } });
            },
          },
        );
        // A ranking of a version or target no longer in hand is not shown.
        if (mine === sequence) set({ ranking, rankProgress: null });
      } catch (error) {
        if (mine === sequence) {
          set({ rankProgress: null, rankError: signal.aborted ? RANK_CANCELLED : messageOf(error) });
        }
      }
    },
    cancelRank: () => controller?.abort(),
    sortBy: (key) => {
      const sort = get().sort;
      set({ sort: { key, descending: sort.key === key ? !sort.descending : !SMALL_FIRST.has(key) } });
    },
  };
}
