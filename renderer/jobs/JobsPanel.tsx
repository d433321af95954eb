/**
 * The collapsible panel at the bottom: every running or recent job (JobRow). Its list is
 * capped in height and scrolls on its own, so a short screen keeps its view.
 */
import { useUi } from '../shell/ui-store';
import { useJobs } from '../app-stores';
import { JobRow } from './JobRow';
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
