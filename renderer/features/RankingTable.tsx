/**
 * The ranking as a sortable table with bars: a click on a row (or its box) adds the
 * feature to Train's selection or takes it out, so the choice made here is what Train
 * uses for this version.
 */
import type { FeatureRanking, FeatureScore } from '../../shared/features/ranking';
import { useFeatures } from '../app-stores';
import { sortedScores, type RankSortKey } from './ranking-slice';
import { RankingRow } from './RankingRow';

const HEADS: Array<[RankSortKey, string, string]> = [
  ['rank', '#', 'Rank: mutual information, then importance'],
  ['column', 'Feature', ''],
  ['mutualInformation', 'Mutual information', 'Nats, on binned values'],
  ['pValue', 'Test (p-value)', 'ANOVA F, χ² or F-regression; sorted by p-value'],
  ['correlation', 'Correlation', 'Pearson r, Cramér’s V or η (sorted by magnitude)'],
  ['gainRatio', 'Gain ratio', 'Information gain over split information, 0–1'],
  ['importance', 'Importance', 'Share of the gain of a quick boosting fit'],
  ['missing', 'Missing', ''],
];

export interface RankingTableProps {
  ranking: FeatureRanking;
  selected: ReadonlySet<string>;
  onToggle(column: string): void;
}

export function RankingTable({ ranking, selected, onToggle }: RankingTableProps) {
  const sort = useFeatures((s) => s.sort);
  const scores = sortedScores(ranking, sort);
  const max = (pick: (s: FeatureScore) => number | null) =>
    Math.max(0, ...ranking.features.map((f) => Math.abs(pick(f) ?? 0)));
  const maxMi = max((f) => f.mutualInformation);
  const maxGain = max((f) => f.gainRatio);
  const maxImportance = max((f) => f.importance);
  return (
    <table className="data-table ranking-table" data-testid="ranking-table">
      <thead>
        <tr>
          <th aria-label="Train on it" title="Train on it">
            ✓
          </th>
          {HEADS.map(([key, label, title]) => (
            <th
              key={key}
              title={title}
              aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
            >
              <button type="button" className="sort-head" onClick={() => useFeatures.getState().sortBy(key)}>
                {label}
                {sort.key === key && (sort.descending ? ' ▾' : ' ▴')}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {scores.map((f) => (
          <RankingRow
            key={f.column}
            score={f}
            on={selected.has(f.column)}
            max={{ mi: maxMi, gain: maxGain, importance: maxImportance }}
            onToggle={onToggle}
          />
        ))}
      </tbody>
    </table>
  );
}
