/** The Train store against a scripted client: target, start, live curves, errors, cancel. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Profile } from '../../shared/profile';
import type { RunDetail, RunProgress } from '../../shared/training';
import { createToastStore } from '../shell/toast-store';
import { FakeClient, jobEvent, settle } from '../testing/fake-client';
import { createTrainStore } from './train-store';

function setup() {
  const client = new FakeClient();
  const toasts = createToastStore();
  const store = createTrainStore(client, toasts);
  store.getState().prepare('v1', ['id', 'age', 'plan', 'churned']);
  return { client, toasts, store };
}

const profileWithIdAlert = {
  alerts: [{ type: 'ID_LIKE', columns: ['id'], message: 'id looks like an identifier.' }],
} as unknown as Profile;

function progress(p: Partial<RunProgress>): RunProgress {
  return { runId: 'r1', jobId: 'j1', stage: 'Training', iteration: 1, total: 10, ...p };
}

describe('train store', () => {
  it('infers the task from the target and leaves out the target and ID-like columns', async () => {
    const { client, store } = setup();
    client
      .answer('train.inspect', { task: 'binary', classes: ['0', '1'], rows: 100, warnings: [] })
      .answer('profile.get', { profile: profileWithIdAlert });
    await store.getState().setTarget('v1', 'churned');
    const s = store.getState();
    assert.equal(s.task, 'binary');
    assert.deepEqual(s.features, ['age', 'plan']);
    assert.deepEqual(Object.keys(s.alerts), ['id']);
    assert.deepEqual(client.requests('train.inspect'), [{ version: 'v1', target: 'churned' }]);
  });

  it('unticks the columns the engine leaves out by default, unprofiled or not', async () => {
    const { client, store } = setup();
    client
      .answer('train.inspect', {
        task: 'binary',
        classes: ['0', '1'],
        rows: 100,
        warnings: [],
        excludedFeatures: [{ column: 'plan', reason: 'plan has a different value in nearly every row.' }],
      })
      .answer('profile.get', { profile: null });
    await store.getState().setTarget('v1', 'churned');
    assert.deepEqual(store.getState().features, ['id', 'age']);
  });

  it('switches a stratified holdout to random when the target is a regression', async () => {
    const { client, store } = setup();
    client.answer('train.inspect', { task: 'regression', rows: 100, warnings: [] });
    client.answer('profile.get', { profile: null });
    await store.getState().setTarget('v1', 'age');
    assert.deepEqual(store.getState().validation, { kind: 'holdout', fraction: 0.2, strategy: 'random' });
  });

  it("shows the engine's sentence when the target cannot be used", async () => {
    const { client, store } = setup();
    client.fail('train.inspect', 'The column "churned" has only one value.');
    await store.getState().setTarget('v1', 'churned');
    assert.equal(store.getState().targetError, 'The column "churned" has only one value.');
    assert.equal(store.getState().targetInfo, null);
  });

  it('starts runs with the form as the request and follows their curves', async () => {
    const { client, store } = setup();
    client.answer('train.start', { jobId: 'j1', runIds: ['r1'] });
    store.getState().set({ features: ['age'], seed: 7 });
    store.getState().setParam('gbdt', 'n_estimators', 50);
    store.setState({ target: 'churned', task: 'binary' });
    await store.getState().start('v1');
    const [request] = client.requests('train.start');
    assert.equal(request?.seed, 7);
    assert.deepEqual(request?.algorithms, [{ algorithm: 'gbdt', params: { n_estimators: 50 } }]);
    assert.equal(store.getState().jobId, 'j1');
    assert.equal(store.getState().runs[0]?.stage, 'Waiting');

    client.emit('run.progress', progress({ iteration: 1, trainLoss: 0.6, validLoss: 0.7 }));
    client.emit('run.progress', progress({ iteration: 2, trainLoss: 0.5 }));
    client.emit('run.progress', progress({ runId: 'someone-else', iteration: 9, trainLoss: 9 }));
    assert.deepEqual(store.getState().runs[0]?.curve, [
      { iteration: 1, trainLoss: 0.6, validLoss: 0.7 },
      { iteration: 2, trainLoss: 0.5 },
    ]);
    // A new fold starts the curve again.
    client.emit('run.progress', progress({ iteration: 1, trainLoss: 0.4, fold: 1, folds: 5 }));
    assert.deepEqual(store.getState().runs[0]?.curve, [{ iteration: 1, trainLoss: 0.4 }]);
  });

  it("keeps a finished run's record and forgets the job when it ends", async () => {
    const { client, store } = setup();
    client.answer('train.start', { jobId: 'j1', runIds: ['r1'] });
    client.answer('runs.get', { status: 'succeeded', metrics: { auc: 0.9 } } as unknown as RunDetail);
    store.setState({ target: 'churned' });
    await store.getState().start('v1');
    client.emit('runs.changed', { runId: 'r1' });
    await settle();
    assert.equal(store.getState().runs[0]?.detail?.status, 'succeeded');
    assert.equal(store.getState().runs[0]?.stage, 'succeeded');
    client.emit('job.progress', jobEvent('j1', 'succeeded'));
    assert.equal(store.getState().jobId, null);
  });

  it("shows the engine's sentence when training cannot start", async () => {
    const { client, store } = setup();
    client.fail('train.start', 'Choose at least one feature.');
    await store.getState().start('v1');
    assert.equal(store.getState().error, 'Choose at least one feature.');
    assert.equal(store.getState().jobId, null);
  });

  it('cancels the running job, and says so when cancelling fails', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { client, toasts, store } = setup();
    client.answer('train.start', { jobId: 'j1', runIds: ['r1'] }).answer('jobs.cancel', { cancelled: true });
    await store.getState().start('v1');
    await store.getState().cancel();
    assert.deepEqual(client.requests('jobs.cancel'), [{ jobId: 'j1' }]);
    client.emit('job.progress', jobEvent('j1', 'cancelled'));
    assert.equal(store.getState().jobId, null);

    await store.getState().start('v1');
    client.fail('jobs.cancel', 'That job has already finished.', 'CONFLICT');
    await store.getState().cancel();
    assert.deepEqual(
      toasts.getState().toasts.map((t) => t.message),
      ['That job has already finished.'],
    );
  });

  it('refuses to start while a param field holds a value its param does not accept', async () => {
    const { client, store } = setup();
    store
      .getState()
      .setParamError('gbdt', 'n_estimators', 'n_estimators must be an integer from 1 to 100000.');
    await store.getState().start('v1', ['gbdt']);
    assert.match(store.getState().error ?? '', /Fix the parameters first: n_estimators must be/);
    assert.equal(client.requests('train.start').length, 0);
    // Another algorithm's bad field does not block this one; fixing the field clears it.
    store.getState().setParamError('gbdt', 'n_estimators', null);
    client.answer('train.start', { jobId: 'j1', runIds: ['r1'] });
    await store.getState().start('v1', ['gbdt']);
    assert.equal(store.getState().error, null);
    assert.equal(client.requests('train.start').length, 1);
  });

  it('keeps the form when the same version is prepared again, and toggles a feature from elsewhere', () => {
    const { store } = setup();
    store.getState().toggleFeature('v1', ['id', 'age', 'plan', 'churned'], 'plan');
    assert.deepEqual(store.getState().features, ['id', 'age', 'churned']);
    store.getState().prepare('v1', ['id', 'age', 'plan', 'churned']);
    assert.deepEqual(store.getState().features, ['id', 'age', 'churned'], 'coming back keeps the choice');
    store.getState().toggleFeature('v1', ['id', 'age', 'plan', 'churned'], 'plan');
    assert.deepEqual(store.getState().features, ['id', 'age', 'churned', 'plan']);
    // A toggle on another version prepares the form for it first (every column, then the toggle).
    store.getState().toggleFeature('v2', ['a', 'b'], 'a');
    assert.deepEqual(store.getState().features, ['b']);
    assert.equal(store.getState().preparedFor, 'v2');
  });
});
