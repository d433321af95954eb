/** One run while it trains and after: status, progress, loss curve, then its metrics. */
import type { Task } from '../../shared/training';
import { formatCount } from '../shell/format';
import { historyCurve, LossChart, SERIES_COLOURS } from './LossChart';
import { RunMetrics } from './RunMetrics';
import type { LiveRun } from './live-run';

interface RunCardProps {
  run: LiveRun;
  /** Position among the runs, which picks the curve's colour. */
  index: number;
  label: string;
  /** Whose headline metrics to show. */
  task: Task;
}

export function RunCard({ run, index, label, task }: RunCardProps) {
  const detail = run.detail;
  const noCurve =
    detail?.status === 'succeeded' &&
    detail.history.trainLoss.length === 0 &&
    detail.history.validLoss.length === 0;
  return (
    <article className="run-card" data-testid="run-card">
      <header className="row">
        <strong>{label}</strong>
        <span className={`status ${detail?.status ?? 'running'}`}>{detail?.status ?? run.stage}</span>
        {run.folds ? (
          <span className="muted small">
            fold {(run.fold ?? 0) + 1} of {run.folds}
          </span>
        ) : null}
        <span className="grow" />
        {run.total > 0 && !detail && (
          <span className="muted small">
            {formatCount(run.iteration)} / {formatCount(run.total)}
          </span>
        )}
      </header>
      {!detail && (
        <div
          className="progress"
          role="progressbar"
          aria-valuenow={run.total ? Math.round((run.iteration / run.total) * 100) : undefined}
        >
          <div
            className="progress-fill"
            style={{ width: `${run.total ? (run.iteration / run.total) * 100 : 0}%` }}
          />
        </div>
      )}
      <div data-testid="loss-chart">
        {noCurve ? (
          <div className="chart-placeholder muted small">
            {label} does not train in rounds, so it has no loss curve.
          </div>
        ) : (
          <LossChart
            series={[
              {
                name: label,
                points: detail ? historyCurve(detail.history) : run.curve,
                colour: SERIES_COLOURS[index % SERIES_COLOURS.length]!,
              },
            ]}
          />
        )}
      </div>
      {detail?.status === 'failed' && <p className="form-error">{detail.error}</p>}
      {detail?.status === 'succeeded' && <RunMetrics detail={detail} task={task} />}
    </article>
  );
}
