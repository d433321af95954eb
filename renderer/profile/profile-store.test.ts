/** The profile store against a scripted client: cache, job with partial results, errors, cancel. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Profile, ProfileComparison } from '../../shared/profile';
import { createToastStore } from '../shell/toast-store';
import { FakeClient, jobEvent, settle } from '../testing/fake-client';
import { CANCELLED_MESSAGE, createProfileStore } from './profile-store';

const profile = (rows: number) => ({ overview: { rows } }) as unknown as Profile;

function setup() {
  const client = new FakeClient();
  const toasts = createToastStore();
  const store = createProfileStore(client, toasts);
  return { client, toasts, store };
}

describe('profile store', () => {
  it('shows the cached profile of a version', async () => {
    const { client, store } = setup();
    client.answer('profile.get', { profile: profile(400) });
    await store.getState().load({ version: 'v1' });
    assert.equal(store.getState().profile?.overview?.rows, 400);
    assert.equal(store.getState().error, null);
  });

  it("takes the target of the profile the engine answers with, on the view's first look", async () => {
    const { client, store } = setup();
    const withTarget = { ...profile(400), target: { column: 'churn', ranking: [] } } as Profile;
    client.answer('profile.get', { profile: withTarget });
    await store.getState().load({ version: 'v1' }, { adoptTarget: true });
    assert.equal(store.getState().profile, withTarget);
    assert.deepEqual(store.getState().request, { version: 'v1', target: 'churn' });
  });

  it('does not show a profile computed against a target when the person chose none', async () => {
    const { client, store } = setup();
    const withTarget = { ...profile(400), target: { column: 'churn', ranking: [] } } as Profile;
    client.answer('profile.get', { profile: withTarget });
    await store.getState().load({ version: 'v1' });
    assert.equal(store.getState().profile, null);
    assert.deepEqual(store.getState().request, { version: 'v1' });
  });

  it("shows the engine's sentence when the profile cannot be read", async () => {
    const { client, store } = setup();
    client.fail('profile.get', 'No version v9.', 'NOT_FOUND');
    await store.getState().load({ version: 'v9' });
    assert.equal(store.getState().error, 'No version v9.');
  });

  it('fills in partial results while the job runs, then the whole profile', async () => {
    const { client, store } = setup();
    client.answer('profile.get', { profile: null });
    client.answer('profile.start', { jobId: 'p1', cached: false });
    await store.getState().load({ version: 'v1' });
    await store.getState().run();
    assert.equal(store.getState().jobId, 'p1');
    client.emit('profile.progress', {
      jobId: 'p1',
      version: 'v1',
      fraction: 0.5,
      stage: 'Histograms',
      partial: { overview: profile(400).overview },
    });
    client.emit('profile.progress', { jobId: 'other', version: 'v2', fraction: 0.9, stage: 'Elsewhere' });
    assert.deepEqual(store.getState().progress, { fraction: 0.5, stage: 'Histograms' });
    assert.equal(store.getState().partial?.overview?.rows, 400);

    client.answer('profile.get', { profile: profile(400) });
    client.emit('job.progress', jobEvent('p1', 'succeeded'));
    await settle();
    const s = store.getState();
    assert.equal(s.profile?.overview?.rows, 400);
    assert.deepEqual([s.jobId, s.progress, s.partial], [null, null, null]);
  });

  it('says nothing was saved when the job is cancelled, and why when it fails', async () => {
    const { client, store } = setup();
    client.answer('profile.get', { profile: null }).answer('profile.start', { jobId: 'p1', cached: false });
    await store.getState().load({ version: 'v1' });
    await store.getState().run();
    client.emit('job.progress', jobEvent('p1', 'cancelled'));
    assert.equal(store.getState().error, CANCELLED_MESSAGE);
    assert.equal(store.getState().jobId, null);

    client.answer('profile.start', { jobId: 'p2', cached: false });
    await store.getState().run(true);
    assert.deepEqual(client.requests('profile.start').at(-1), { version: 'v1', refresh: true });
    client.emit(
      'job.progress',
      jobEvent('p2', 'failed', { error: { code: 'INTERNAL', message: 'Out of memory.' } }),
    );
    assert.equal(store.getState().error, 'Out of memory.');
  });

  it("shows the engine's sentence when profiling cannot start", async () => {
    const { client, store } = setup();
    client.answer('profile.get', { profile: null }).fail('profile.start', 'The version has no rows.');
    await store.getState().load({ version: 'v1' });
    await store.getState().run();
    assert.equal(store.getState().error, 'The version has no rows.');
    assert.equal(store.getState().progress, null);
  });

  it('compares with another version, profiling it first when needed', async () => {
    const { client, store } = setup();
    let otherProfiled = false;
    client
      .answer('profile.get', ({ version }) => ({
        profile: version === 'v1' || otherProfiled ? profile(version === 'v1' ? 400 : 300) : null,
      }))
      .answer('profile.start', { jobId: 'p2', cached: false })
      .answer('profile.compare', { columns: [] } as unknown as ProfileComparison);
    await store.getState().load({ version: 'v1' });
    const comparing = store.getState().compareWith({ version: 'v2' });
    await settle();
    otherProfiled = true;
    client.emit('job.progress', jobEvent('p2', 'succeeded'));
    await comparing;
    assert.equal(store.getState().comparison?.otherProfile.overview?.rows, 300);
    assert.deepEqual(client.requests('profile.compare'), [{ a: { version: 'v1' }, b: { version: 'v2' } }]);
    store.getState().clearComparison();
    assert.equal(store.getState().comparison, null);
  });

  it('makes a comparison asked for from Clean once the result loads, profiling both sides', async () => {
    const { client, store } = setup();
    const profiled = new Set<string>();
    client
      .answer('profile.get', ({ version }) => ({
        profile: profiled.has(version) ? profile(version === 'v1' ? 400 : 300) : null,
      }))
      .answer('profile.start', ({ version }) => ({ jobId: `p-${version}`, cached: false }))
      .answer('profile.compare', { columns: [] } as unknown as ProfileComparison);
    store.getState().wantComparison('v2', { version: 'v1' });
    const loading = store.getState().load({ version: 'v2' });
    for (const version of ['v2', 'v1']) {
      await settle();
      profiled.add(version);
      client.emit('job.progress', jobEvent(`p-${version}`, 'succeeded'));
    }
    await loading;
    const state = store.getState();
    assert.equal(state.wanted, null);
    assert.equal(state.comparison?.otherFirst, true);
    assert.equal(state.profile?.overview?.rows, 300);
    // The source is the "before" side.
    assert.deepEqual(client.requests('profile.compare'), [{ a: { version: 'v1' }, b: { version: 'v2' } }]);
  });

  it('shows why a comparison failed', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { client, toasts, store } = setup();
    client.answer('profile.get', { profile: profile(400) });
    client.fail('profile.compare', 'The versions share no columns.');
    await store.getState().load({ version: 'v1' });
    await store.getState().compareWith({ version: 'v2' });
    assert.deepEqual(
      toasts.getState().toasts.map((toast) => toast.message),
      ['The versions share no columns.'],
    );
    assert.equal(store.getState().comparison, null);
  });
});
