/**
 * The ranking tab: choose a target, rank every other column against it (a job with a
 * progress bar), read the sortable table, and tick the features Train will use for this
 * version; "Train on the N chosen" takes the target and the choice to the Train view.
 */
import { useFeatures, useTrain } from '../app-stores';
import { useUi } from '../shell/ui-store';
import { JobProgressBar } from './JobProgressBar';
import { RankingForm } from './RankingForm';
import { RankingTable } from './RankingTable';

export function RankingPanel() {
  const { version, rankTarget, ranking, rankProgress, rankError } = useFeatures();
  const train = useTrain();
  if (!version) return null;
  const columns = version.columns.map((c) => c.name);
  // Train's selection for this version; before Train has seen it, every column is in.
  const chosen = new Set(train.preparedFor === version.id ? train.features : columns);
  const ranked = ranking?.features.filter((f) => chosen.has(f.column)).length ?? 0;
  const toggle = (column: string) => useTrain.getState().toggleFeature(version.id, columns, column);
  const goTrain = () => {
    useTrain.getState().prepare(version.id, columns);
    const t = useTrain.getState();
    if (t.target !== rankTarget) void t.setTarget(version.id, rankTarget);
    useUi.getState().setView('train');
  };
  const features = useFeatures.getState();
  return (
    <div className="ranking-panel">
      <RankingForm columns={columns} />
      {!ranking && !rankProgress && !rankError && (
        <p className="muted">
          Each column is scored against the target: mutual information, a univariate test with its p-value,
          correlation, gain ratio and the importance from a quick gradient-boosting fit.
        </p>
      )}
      {rankProgress && (
        <JobProgressBar label="Ranking" progress={rankProgress} onCancel={features.cancelRank} />
      )}
      {rankError && (
        <p className="form-error" role="alert">
          {rankError}
        </p>
      )}
      {ranking && (
        <>
          <div className="row ranking-selection">
            <span className="grow" data-testid="training-selection">
              {ranked} of {ranking.features.length} ranked features chosen for training. Click a row to add or
              remove it.
            </span>
            <button type="button" className="primary" disabled={ranked === 0} onClick={goTrain}>
              Train on the {ranked} chosen →
            </button>
          </div>
          <div className="ranking-scroll">
            <RankingTable ranking={ranking} selected={chosen} onToggle={toggle} />
          </div>
          {ranking.skipped.length > 0 && (
            <p className="muted small">
              Not ranked: {ranking.skipped.map((s) => `${s.column} (${s.reason})`).join('; ')}
            </p>
          )}
        </>
      )}
    </div>
  );
}
