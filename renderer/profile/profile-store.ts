/**
 * The profile of the version in hand: fetched from the cache when there is one, else
 * computed as a job whose partial results fill the view as they arrive. Also the
 * comparison with a second version.
 */
import { create } from 'zustand';
import type { Profile, ProfileComparison } from '../../shared/profile';
import type { ProfileRequest } from '../../shared/profile';
import { api, messageOf } from '../api/client';
import { downloadText } from '../shell/download';
import { reportError } from '../shell/toast-store';

interface ProfileState {
  request: ProfileRequest | null;
  profile: Profile | null;
  /** What a running job has computed so far. */
  partial: Partial<Profile> | null;
  jobId: string | null;
  progress: { fraction: number; stage: string } | null;
  error: string | null;
  comparison: { other: ProfileRequest; result: ProfileComparison; otherProfile: Profile } | null;
  /** Show the cached profile for a version, without computing. */
  load(request: ProfileRequest): Promise<void>;
  /** Compute (or recompute) the profile as a job. */
  run(refresh?: boolean): Promise<void>;
  compareWith(other: ProfileRequest): Promise<void>;
  clearComparison(): void;
  exportHtml(): Promise<void>;
  exportJson(): void;
}

export const useProfile = create<ProfileState>((set, get) => ({
  request: null,
  profile: null,
  partial: null,
  jobId: null,
  progress: null,
  error: null,
  comparison: null,
  load: async (request) => {
    set({
      request,
      profile: null,
      partial: null,
      jobId: null,
      progress: null,
      error: null,
      comparison: null,
    });
    try {
      const { profile } = await api.call('profile.get', request);
      if (sameRequest(get().request, request)) set({ profile });
    } catch (error) {
      set({ error: messageOf(error) });
    }
  },
  run: async (refresh = false) => {
    const request = get().request;
    if (!request) return;
    set({ error: null, partial: null, progress: { fraction: 0, stage: 'Starting' } });
    try {
      const { jobId, cached } = await api.call('profile.start', { ...request, refresh });
      if (cached || !jobId) {
        await finish(request);
        return;
      }
      set({ jobId });
    } catch (error) {
      set({ error: messageOf(error), progress: null });
    }
  },
  compareWith: async (other) => {
    const request = get().request;
    if (!request) return;
    try {
      let { profile: otherProfile } = await api.call('profile.get', other);
      if (!otherProfile) {
        const { jobId } = await api.call('profile.start', other);
        if (jobId) await waitForJob(jobId);
        otherProfile = (await api.call('profile.get', other)).profile;
      }
      if (!otherProfile) throw new Error('The other version could not be profiled.');
      const result = await api.call('profile.compare', { a: request, b: other });
      set({ comparison: { other, result, otherProfile } });
    } catch (error) {
      reportError(error);
    }
  },
  clearComparison: () => set({ comparison: null }),
  exportHtml: async () => {
    const request = get().request;
    if (!request) return;
    try {
      const { html, fileName } = await api.call('profile.report', request);
      downloadText(fileName, html, 'text/html');
    } catch (error) {
      reportError(error);
    }
  },
  exportJson: () => {
    const profile = get().profile;
    if (profile) downloadText('profile.json', JSON.stringify(profile, null, 2), 'application/json');
  },
}));

async function finish(request: ProfileRequest): Promise<void> {
  const { profile } = await api.call('profile.get', request);
  if (sameRequest(useProfile.getState().request, request)) {
    useProfile.setState({ profile, partial: null, jobId: null, progress: null });
  }
}

function sameRequest(a: ProfileRequest | null, b: ProfileRequest): boolean {
  return a !== null && a.version === b.version && a.target === b.target;
}

function waitForJob(jobId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const off = api.on('job.progress', (job) => {
      if (job.jobId !== jobId || job.state === 'running') return;
      off();
      if (job.state === 'succeeded') resolve();
      else reject(new Error(job.error?.message ?? 'Profiling was cancelled.'));
    });
  });
}

api.on('profile.progress', (event) => {
  const state = useProfile.getState();
  if (event.jobId !== state.jobId) return;
  useProfile.setState({
    progress: { fraction: event.fraction, stage: event.stage },
    partial: event.partial ? { ...state.partial, ...event.partial } : state.partial,
  });
});

api.on('job.progress', (job) => {
  const state = useProfile.getState();
  if (job.jobId !== state.jobId || job.state === 'running' || !state.request) return;
  if (job.state === 'succeeded') void finish(state.request).catch(reportError);
  else
    useProfile.setState({
      jobId: null,
      progress: null,
      error: job.error?.message ?? 'Profiling was cancelled; nothing was saved.',
    });
});
