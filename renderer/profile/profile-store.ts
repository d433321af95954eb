/**
 * The profile of the version in hand: fetched from the cache when there is one, else
 * computed as a job whose partial results fill the view as they arrive. Also the
 * comparison with a second version. Built around an `ApiClient`, so tests script one.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ApiClient } from '../../shared/api';
import { messageOf } from '../../shared/errors';
import type { Profile, ProfileComparison, ProfileRequest } from '../../shared/profile';
import { downloadText } from '../shell/download';
import { reportError, type ToastStore } from '../shell/toast-store';

export interface ProfileState {
  request: ProfileRequest | null;
  profile: Profile | null;
  /** What a running job has computed so far. */
  partial: Partial<Profile> | null;
  jobId: string | null;
  progress: { fraction: number; stage: string } | null;
  error: string | null;
  comparison: {
    other: ProfileRequest;
    result: ProfileComparison;
    otherProfile: Profile;
    /** The other version is the "before" side (Clean's source against its result). */
    otherFirst?: boolean;
  } | null;
  /**
   * A comparison asked for from another view (Clean's "Compare profiles"): made as soon as
   * `version` is loaded here, with `other` as the before side; null once it is shown.
   */
  wanted: { version: string; other: ProfileRequest } | null;
  /**
   * Show the cached profile for a version, without computing. Asked without a target, the
   * engine may answer with the version's newest profile, computed with one: `adoptTarget`
   * takes that target into the request (the view's first look at a version); otherwise
   * such a profile does not count, as the person asked for none.
   */
  load(request: ProfileRequest, options?: { adoptTarget?: boolean }): Promise<void>;
  /** Compute (or recompute) the profile as a job. */
  run(refresh?: boolean): Promise<void>;
  /** Compare with another version, profiling either side first when it has no profile yet. */
  compareWith(other: ProfileRequest, options?: { otherFirst?: boolean }): Promise<void>;
  wantComparison(version: string, other: ProfileRequest): void;
  clearComparison(): void;
  exportHtml(): Promise<void>;
  exportJson(): void;
}

export type ProfileStore = UseBoundStore<StoreApi<ProfileState>>;

export const CANCELLED_MESSAGE = 'Profiling was cancelled; nothing was saved.';

const EMPTY = { profile: null, partial: null, jobId: null, progress: null, error: null, comparison: null };

export function createProfileStore(client: ApiClient, toasts: ToastStore): ProfileStore {
  const report = (error: unknown) => reportError(error, toasts);
  const store: ProfileStore = create<ProfileState>((set, get) => ({
    request: null,
    wanted: null,
    ...EMPTY,
    load: async (request, options = {}) => {
      set({ request, ...EMPTY });
      try {
        const { profile } = await client.call('profile.get', request);
        if (!sameRequest(get().request, request)) return;
        const shownTarget = profile?.target?.column;
        if (request.target !== undefined || shownTarget === undefined) set({ profile });
        else if (options.adoptTarget) set({ profile, request: { ...request, target: shownTarget } });
      } catch (error) {
        set({ error: messageOf(error) });
      }
      const wanted = get().wanted;
      if (wanted && wanted.version === request.version && sameRequest(get().request, request)) {
        await get().compareWith(wanted.other, { otherFirst: true });
      }
    },
    run: async (refresh = false) => {
      const request = get().request;
      if (!request) return;
      set({ error: null, partial: null, progress: { fraction: 0, stage: 'Starting' } });
      try {
        const { jobId, cached } = await client.call('profile.start', { ...request, refresh });
        if (cached || !jobId) await finish(client, store, request);
        else set({ jobId });
      } catch (error) {
        set({ error: messageOf(error), progress: null });
      }
    },
    compareWith: async (other, options = {}) => {
      const request = get().request;
      if (!request) return;
      const otherFirst = options.otherFirst === true;
      try {
        // The engine compares stored profiles: compute whichever side has none yet.
        const own = get().profile ?? (await profileOf(client, request));
        const otherProfile = await profileOf(client, other);
        const [a, b] = otherFirst ? [other, request] : [request, other];
        const result = await client.call('profile.compare', { a, b });
        if (!sameRequest(get().request, request)) return;
        set({ comparison: { other, result, otherProfile, otherFirst }, wanted: null });
        if (!get().profile) set({ profile: own, partial: null });
      } catch (error) {
        set({ wanted: null });
        report(error);
      }
    },
    wantComparison: (version, other) => set({ wanted: { version, other } }),
    clearComparison: () => set({ comparison: null }),
    exportHtml: async () => {
      const request = get().request;
      if (!request) return;
      try {
        const { html, fileName } = await client.call('profile.report', request);
        downloadText(fileName, html, 'text/html');
      } catch (error) {
        report(error);
      }
    },
    exportJson: () => {
      const profile = get().profile;
      if (profile) downloadText('profile.json', JSON.stringify(profile, null, 2), 'application/json');
    },
  }));
  followJob(client, store, report);
  return store;
}

/** Fill in partial results while the job runs, and the whole profile (or why not) at its end. */
function followJob(client: ApiClient, store: ProfileStore, report: (error: unknown) => void): void {
  client.on('profile.progress', (event) => {
    const state = store.getState();
    if (event.jobId !== state.jobId) return;
    store.setState({
      progress: { fraction: event.fraction, stage: event.stage },
      partial: event.partial ? { ...state.partial, ...event.partial } : state.partial,
    });
  });
  client.on('job.progress', (job) => {
    const state = store.getState();
    if (job.jobId !== state.jobId || job.state === 'running' || !state.request) return;
    if (job.state === 'succeeded') void finish(client, store, state.request).catch(report);
    else store.setState({ jobId: null, progress: null, error: job.error?.message ?? CANCELLED_MESSAGE });
  });
}

async function finish(client: ApiClient, store: ProfileStore, request: ProfileRequest): Promise<void> {
  const { profile } = await client.call('profile.get', request);
  if (sameRequest(store.getState().request, request)) {
    store.setState({ profile, partial: null, jobId: null, progress: null });
  }
}

/** The other version's profile, computed first if it has none yet. */
async function profileOf(client: ApiClient, other: ProfileRequest): Promise<Profile> {
  const { profile } = await client.call('profile.get', other);
  if (profile) return profile;
  const { jobId } = await client.call('profile.start', other);
  if (jobId) await waitForJob(client, jobId);
  const computed = (await client.call('profile.get', other)).profile;
  if (!computed) throw new Error('The other version could not be profiled.');
  return computed;
}

function sameRequest(a: ProfileRequest | null, b: ProfileRequest): boolean {
  return a !== null && a.version === b.version && a.target === b.target;
}

function waitForJob(client: ApiClient, jobId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const off = client.on('job.progress', (job) => {
      if (job.jobId !== jobId || job.state === 'running') return;
      off();
      if (job.state === 'succeeded') resolve();
      else reject(new Error(job.error?.message ?? 'Profiling was cancelled.'));
    });
  });
}
