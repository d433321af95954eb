/**
 * The collapsible panel at the bottom: every running or recent job with its progress
 * bar, stage, ETA and a cancel button (DESIGN §8).
 */
import type { JobProgress } from '../../shared/jobs';
import { formatCount, formatDuration, formatPercent } from '../shell/format';
import { useUi } from '../shell/ui-store';
import { useJobs } from '../app-stores';
import { sortedJobs } from './jobs-store';
import './jobs.css';

export function JobsPanel() {
  const open = useUi((s) => s.jobsOpen);
  const toggle = useUi((s) => s.toggleJobs);
  const jobs = useJobs((s) => s.jobs);
  const { cancel, clearFinished } = useJobs.getState();
  const list = sortedJobs(jobs);
  const running = list.filter((j) => j.state === 'running').length;
  return (
    <section className={open ? 'jobs-panel open' : 'jobs-panel'} aria-label="Jobs">
      <header className="jobs-header">
        <button type="button" className="ghost" onClick={() => toggle()} aria-expanded={open}>
          {open ? '▾' : '▸'} Jobs{' '}
          <span className="muted">{running > 0 ? `${running} running` : `${list.length} recent`}</span>
        </button>
        {open && list.some((j) => j.state !== 'running') && (
          <button type="button" className="ghost" onClick={() => void clearFinished()}>
            Clear finished
          </button>
        )}
      </header>
      {open && (
        <div className="jobs-list">
          {list.length === 0 ? (
            <p className="muted empty-line">
              No jobs yet. Imports, profiles and training runs appear here with their progress.
            </p>
          ) : (
            list.map((job) => <JobRow key={job.jobId} job={job} onCancel={() => void cancel(job.jobId)} />)
          )}
        </div>
      )}
    </section>
  );
}

function JobRow({ job, onCancel }: { job: JobProgress; onCancel: () => void }) {
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
        aria-valuenow={job.fraction === null ? undefined : Math.round(job.fraction * 100)}
      >
        <div className="progress-fill" style={{ width: `${(job.fraction ?? 0) * 100}%` }} />
      </div>
      <div className="job-meta">
        <span>{job.state === 'failed' ? job.error?.message : job.stage}</span>
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
