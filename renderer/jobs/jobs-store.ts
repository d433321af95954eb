/** Every running or recent job, kept current from `job.progress` events. */
import { create } from 'zustand';
import type { JobProgress } from '../../shared/jobs';
import { api } from '../api/client';
import { reportError, useToasts } from '../shell/toast-store';
import { useUi } from '../shell/ui-store';

interface JobsState {
  jobs: Record<string, JobProgress>;
  load(): Promise<void>;
  cancel(jobId: string): Promise<void>;
  clearFinished(): Promise<void>;
}

export const useJobs = create<JobsState>((set) => ({
  jobs: {},
  load: async () => {
    const list = await api.call('jobs.list', {});
    set({ jobs: Object.fromEntries(list.map((j) => [j.jobId, j])) });
  },
  cancel: async (jobId) => {
    await api.call('jobs.cancel', { jobId }).catch(reportError);
  },
  clearFinished: async () => {
    await api.call('jobs.clearFinished', {}).catch(reportError);
    set((s) => ({
      jobs: Object.fromEntries(Object.entries(s.jobs).filter(([, j]) => j.state === 'running')),
    }));
  },
}));

api.on('job.progress', (job) => {
  const previous = useJobs.getState().jobs[job.jobId];
  useJobs.setState((s) => ({ jobs: { ...s.jobs, [job.jobId]: job } }));
  const ui = useUi.getState();
  if (!previous && !ui.jobsOpen) useUi.setState({ jobsOpen: true, jobsAutoOpened: true });
  const allDone = Object.values(useJobs.getState().jobs).every((j) => j.state !== 'running');
  if (allDone && job.state === 'succeeded' && useUi.getState().jobsAutoOpened) {
    // Opened only to show this work: tuck it away again once everything has finished well.
    setTimeout(() => {
      const stillDone = Object.values(useJobs.getState().jobs).every((j) => j.state !== 'running');
      if (stillDone && useUi.getState().jobsAutoOpened)
        useUi.setState({ jobsOpen: false, jobsAutoOpened: false });
    }, 4000);
  }
  if (job.state === 'failed' && previous?.state === 'running' && job.error) {
    useToasts.getState().push('error', job.error.message);
  }
});

export function sortedJobs(jobs: Record<string, JobProgress>): JobProgress[] {
  return Object.values(jobs).sort((a, b) => b.startedAt - a.startedAt);
}
