/**
 * Every running or recent job, kept current from `job.progress` events. The jobs panel
 * opens by itself for work that takes a while (so a quick save or query does not pop it
 * up) and for failures, and tucks itself away when what it opened for has all succeeded.
 * Built around an `ApiClient`, so tests script one.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ApiClient } from '../../shared/api';
import type { JobProgress } from '../../shared/jobs';
import { reportError, type ToastStore } from '../shell/toast-store';

export interface JobsState {
  jobs: Record<string, JobProgress>;
  load(): Promise<void>;
  cancel(jobId: string): Promise<void>;
  clearFinished(): Promise<void>;
}

export type JobsStore = UseBoundStore<StoreApi<JobsState>>;

/** The part of the shell's state the jobs panel's opening depends on. */
export interface JobsPanelState {
  jobsOpen: boolean;
  /** Whether the panel opened by itself for a job (it then closes by itself too). */
  jobsAutoOpened: boolean;
}

/** How long a panel opened for finished work stays up before it closes itself. */
export const AUTO_CLOSE_MS = 4000;

/** A job still running after this long opens the panel; quicker ones stay out of the way. */
export const AUTO_OPEN_AFTER_MS = 1000;

export function createJobsStore(
  client: ApiClient,
  toasts: ToastStore,
  panel: StoreApi<JobsPanelState>,
): JobsStore {
  const store = create<JobsState>((set) => ({
    jobs: {},
    load: async () => {
      const list = await client.call('jobs.list', {});
      set({ jobs: Object.fromEntries(list.map((j) => [j.jobId, j])) });
    },
    cancel: async (jobId) => {
      await client.call('jobs.cancel', { jobId }).catch((e: unknown) => reportError(e, toasts));
    },
    clearFinished: async () => {
      await client.call('jobs.clearFinished', {}).catch((e: unknown) => reportError(e, toasts));
      set((s) => ({
        jobs: Object.fromEntries(Object.entries(s.jobs).filter(([, j]) => j.state === 'running')),
      }));
    },
  }));
  followJobs(client, store, toasts, panel);
  return store;
}

function followJobs(
  client: ApiClient,
  store: JobsStore,
  toasts: ToastStore,
  panel: StoreApi<JobsPanelState>,
): void {
  const allDone = () => Object.values(store.getState().jobs).every((j) => j.state !== 'running');
  const open = (auto: boolean) => {
    if (!panel.getState().jobsOpen) panel.setState({ jobsOpen: true, jobsAutoOpened: auto });
  };

  client.on('job.progress', (job) => {
    const previous = store.getState().jobs[job.jobId];
    store.setState((s) => ({ jobs: { ...s.jobs, [job.jobId]: job } }));
    if (!previous && job.state === 'running') {
      setTimeout(() => {
        if (store.getState().jobs[job.jobId]?.state === 'running') open(true);
      }, AUTO_OPEN_AFTER_MS);
    }
    if (allDone() && job.state === 'succeeded' && panel.getState().jobsAutoOpened) {
      // Opened only to show this work: tuck it away again once everything has finished well.
      setTimeout(() => {
        if (allDone() && panel.getState().jobsAutoOpened)
          panel.setState({ jobsOpen: false, jobsAutoOpened: false });
      }, AUTO_CLOSE_MS);
    }
    if (job.state === 'failed' && previous?.state !== 'failed') {
      // A failure stays in view until the person closes the panel.
      open(false);
      panel.setState({ jobsAutoOpened: false });
      if (job.error) toasts.getState().push('error', job.error.message);
    }
  });
}

export function sortedJobs(jobs: Record<string, JobProgress>): JobProgress[] {
  return Object.values(jobs).sort((a, b) => b.startedAt - a.startedAt);
}
