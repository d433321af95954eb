/** The ranking's target, the button that starts it, and the facts of the ranking shown. */
import { formatCount } from '../../shared/format';
import { useFeatures } from '../app-stores';

export function RankingForm({ columns }: { columns: string[] }) {
  const { rankTarget, ranking, rankProgress } = useFeatures();
  const features = useFeatures.getState();
  return (
    <form
      className="row ranking-form"
      onSubmit={(e) => {
        e.preventDefault();
        void features.rank();
      }}
    >
      <label className="row">
        <span>Target</span>
        <select
          aria-label="Rank against"
          value={rankTarget}
          onChange={(e) => features.setRankTarget(e.target.value)}
        >
          <option value="">Choose…</option>
          {columns.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={!rankTarget || rankProgress !== null}>
        Rank features
      </button>
      {ranking && (
        <span className="muted small" data-testid="ranking-facts">
          {ranking.task} · {formatCount(ranking.rows)} rows ({formatCount(ranking.sampledRows)} sampled,
          boosting on {formatCount(ranking.boostingRows)}) · {ranking.seconds.toFixed(1)} s
        </span>
      )}
    </form>
  );
}
