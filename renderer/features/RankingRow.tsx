/** One feature of the ranking: its box for Train, its scores as bars, and the better feature it duplicates. */
import type { FeatureScore } from '../../shared/features/ranking';
import { formatCount, formatStat } from '../../shared/format';
import { ScoreBar } from './ScoreBar';

const TEST_NAMES = { anova_f: 'F', chi2: 'χ²', f_regression: 'F' } as const;

function formatP(p: number | null): string {
  if (p === null) return '—';
  return p < 0.0001 ? 'p < 0.0001' : `p = ${formatStat(p)}`;
}

interface Props {
  score: FeatureScore;
  on: boolean;
  /** The largest value of each barred column. */
  max: { mi: number; gain: number; importance: number };
  onToggle(column: string): void;
}

export function RankingRow({ score: f, on, max, onToggle }: Props) {
  return (
    <tr
      className={on ? 'on' : 'off'}
      data-testid="ranking-row"
      data-column={f.column}
      onClick={() => onToggle(f.column)}
    >
      <td>
        <input
          type="checkbox"
          aria-label={`Train on ${f.column}`}
          checked={on}
          onClick={(e) => e.stopPropagation()}
          onChange={() => onToggle(f.column)}
        />
      </td>
      <td className="num">{f.rank}</td>
      <td className="ranking-name">
        <span className="truncate" title={f.column}>
          {f.column}
        </span>
        <span className="muted small"> {f.type}</span>
        {f.redundantWith && (
          <span
            className="alert-chip HIGH_CORRELATION"
            title={`Correlates with ${f.redundantWith.column} (r = ${formatStat(f.redundantWith.correlation)}), which ranks higher.`}
          >
            ≈ {f.redundantWith.column}
          </span>
        )}
      </td>
      <td>
        <ScoreBar value={f.mutualInformation} max={max.mi} label="Mutual information" />
      </td>
      <td className="small">
        {f.test.statistic === null ? '—' : `${TEST_NAMES[f.test.name]} ${formatStat(f.test.statistic)}`}
        <span className="muted"> · {formatP(f.test.pValue)}</span>
      </td>
      <td>
        <ScoreBar
          value={f.correlation}
          max={1}
          signed={f.correlationKind === 'pearson'}
          label={f.correlationKind}
        />
      </td>
      <td>
        <ScoreBar value={f.gainRatio} max={max.gain} label="Gain ratio" />
      </td>
      <td>
        <ScoreBar value={f.importance} max={max.importance} label="Importance" />
      </td>
      <td className="num">{formatCount(f.missing)}</td>
    </tr>
  );
}
