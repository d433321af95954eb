/** The jobs store against a scripted client: the list, the panel opening itself, errors, cancel. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { create } from 'zustand';
import { createToastStore } from '../shell/toast-store';
import { FakeClient, jobEvent } from '../testing/fake-client';
import {
  AUTO_CLOSE_MS,
  AUTO_OPEN_AFTER_MS,
  createJobsStore,
  sortedJobs,
  type JobsPanelState,
} from './jobs-store';

function setup() {
  const client = new FakeClient();
  const toasts = createToastStore();
  const panel = create<JobsPanelState>(() => ({ jobsOpen: false, jobsAutoOpened: false }));
  const store = createJobsStore(client, toasts, panel);
  return { client, toasts, panel, store };
}

describe('jobs store', () => {
  it('loads the jobs and lists the newest first', async () => {
    const { client, store } = setup();
    client.answer('jobs.list', [
      jobEvent('a', 'succeeded', { startedAt: 1 }),
      jobEvent('b', 'running', { startedAt: 2 }),
    ]);
    await store.getState().load();
    assert.deepEqual(
      sortedJobs(store.getState().jobs).map((j) => j.jobId),
      ['b', 'a'],
    );
  });

  it('opens the panel for work that runs a while and closes it once that work has succeeded', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { client, panel, store } = setup();
    client.emit('job.progress', jobEvent('import-1', 'running'));
    assert.equal(panel.getState().jobsOpen, false, 'not for the first moment of a job');
    t.mock.timers.tick(AUTO_OPEN_AFTER_MS);
    assert.deepEqual(panel.getState(), { jobsOpen: true, jobsAutoOpened: true });
    client.emit('job.progress', jobEvent('import-1', 'succeeded'));
    assert.equal(store.getState().jobs['import-1']?.state, 'succeeded');
    t.mock.timers.tick(AUTO_CLOSE_MS);
    assert.deepEqual(panel.getState(), { jobsOpen: false, jobsAutoOpened: false });
  });

  it('stays closed for a job that finishes quickly', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { client, panel } = setup();
    client.emit('job.progress', jobEvent('sql-1', 'running'));
    t.mock.timers.tick(AUTO_OPEN_AFTER_MS / 4);
    client.emit('job.progress', jobEvent('sql-1', 'succeeded'));
    t.mock.timers.tick(AUTO_OPEN_AFTER_MS + AUTO_CLOSE_MS);
    assert.deepEqual(panel.getState(), { jobsOpen: false, jobsAutoOpened: false });
  });

  it('opens for a failure, however quick, and keeps it in view', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { client, panel } = setup();
    client.emit('job.progress', jobEvent('sql-1', 'running'));
    client.emit(
      'job.progress',
      jobEvent('sql-1', 'failed', { error: { code: 'INVALID_INPUT', message: 'No.' } }),
    );
    assert.deepEqual(panel.getState(), { jobsOpen: true, jobsAutoOpened: false });
    client.emit('job.progress', jobEvent('sql-2', 'running'));
    client.emit('job.progress', jobEvent('sql-2', 'succeeded'));
    t.mock.timers.tick(AUTO_OPEN_AFTER_MS + AUTO_CLOSE_MS);
    assert.deepEqual(panel.getState(), { jobsOpen: true, jobsAutoOpened: false });
  });

  it('leaves a panel the person opened alone', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { client, panel } = setup();
    panel.setState({ jobsOpen: true });
    client.emit('job.progress', jobEvent('import-1', 'running'));
    client.emit('job.progress', jobEvent('import-1', 'succeeded'));
    t.mock.timers.tick(AUTO_CLOSE_MS);
    assert.deepEqual(panel.getState(), { jobsOpen: true, jobsAutoOpened: false });
  });

  it("shows a failed job's sentence once", (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { client, toasts } = setup();
    client.emit('job.progress', jobEvent('import-1', 'running'));
    const failed = jobEvent('import-1', 'failed', {
      error: { code: 'INVALID_INPUT', message: 'Row 3 has 4 fields, not 5.' },
    });
    client.emit('job.progress', failed);
    client.emit('job.progress', failed);
    assert.deepEqual(
      toasts.getState().toasts.map((toast) => toast.message),
      ['Row 3 has 4 fields, not 5.'],
    );
  });

  it('cancels a job, and shows why when it cannot', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { client, toasts, store } = setup();
    client.answer('jobs.cancel', { cancelled: true });
    await store.getState().cancel('train-1');
    assert.deepEqual(client.requests('jobs.cancel'), [{ jobId: 'train-1' }]);
    client.fail('jobs.cancel', 'No job train-2.', 'NOT_FOUND');
    await store.getState().cancel('train-2');
    assert.deepEqual(
      toasts.getState().toasts.map((toast) => toast.message),
      ['No job train-2.'],
    );
  });

  it('clears finished jobs and keeps running ones', async () => {
    const { client, store } = setup();
    client.answer('jobs.clearFinished', { removed: 1 });
    client.emit('job.progress', jobEvent('a', 'running'));
    client.emit('job.progress', jobEvent('b', 'cancelled'));
    await store.getState().clearFinished();
    assert.deepEqual(Object.keys(store.getState().jobs), ['a']);
  });
});
