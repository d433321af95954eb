/**
 * One job in the panel: its bar, stage or error sentence, amount, ETA and cancel. A bar
 * ends full when the job succeeded and full red when it failed, whatever its last
 * progress event said; a cancelled job keeps the grey part it reached.
 */
import type { JobProgress } from '../../shared/jobs';
import { formatCount, formatDuration, formatPercent } from '../shell/format';

function barFraction(job: JobProgress): number {
  if (job.state === 'succeeded' || job.state === 'failed') return 1;
  return job.fraction ?? 0;
}

export function JobRow({ job, onCancel }: { job: JobProgress; onCancel: () => void }) {
  const percent = job.fraction === null ? null : formatPercent(job.fraction);
  const amount =
    job.done !== undefined
      ? `${formatCount(job.done)}${job.total ? ` / ${formatCount(job.total)}` : ''} ${job.unit ?? ''}`
      : '';
  return (
    <div className={`job-row ${job.state}`} data-testid="job-row">
      <div className="job-title" title={job.label}>
        {job.label}
      </div>
      <div
        className={job.fraction === null && job.state === 'running' ? 'progress indeterminate' : 'progress'}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={
          job.fraction === null && job.state === 'running' ? undefined : Math.round(barFraction(job) * 100)
        }
      >
        <div className="progress-fill" style={{ width: `${barFraction(job) * 100}%` }} />
      </div>
      <div className="job-meta">
        {job.state === 'failed' ? (
          <span className="job-error">{job.error?.message ?? 'Failed.'}</span>
        ) : (
          <span>{job.stage}</span>
        )}
        {amount && <span>{amount}</span>}
        {percent && job.state === 'running' && <span>{percent}</span>}
        {job.state === 'running' && job.etaMs !== null && <span>about {formatDuration(job.etaMs)} left</span>}
        {job.state !== 'running' && job.finishedAt && (
          <span>{formatDuration(job.finishedAt - job.startedAt)}</span>
        )}
      </div>
      {job.state === 'running' && (
        <button
          type="button"
          className="ghost danger"
          onClick={onCancel}
          title="Cancel this job; nothing it started is kept"
        >
          Cancel
        </button>
      )}
    </div>
  );
}
