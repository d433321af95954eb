/** The datasets store against a scripted client: open, actions, their errors, follow-ups. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DatasetSummary, DatasetVersion } from '../../shared/datasets';
import { createToastStore } from '../shell/toast-store';
import { FakeClient, jobEvent, settle } from '../testing/fake-client';
import { createDatasetsStore } from './datasets-store';

const summary = (name: string) => ({ name }) as DatasetSummary;
const version = (dataset: string, number: number) =>
  ({ id: `${dataset}-${number}`, dataset, number }) as DatasetVersion;

function setup() {
  const client = new FakeClient();
  const toasts = createToastStore();
  const store = createDatasetsStore(client, toasts);
  client
    .answer('datasets.list', [summary('sales'), summary('churn')])
    .answer('datasets.versions', ({ dataset }) => [version(dataset, 1), version(dataset, 2)]);
  return { client, toasts, store };
}

describe('datasets store', () => {
  it('opens a dataset at its latest version, or at the one asked for', async () => {
    const { store } = setup();
    await store.getState().load();
    assert.equal(store.getState().loaded, true);
    await store.getState().open('sales');
    assert.equal(store.getState().version?.id, 'sales-2');
    await store.getState().open('sales', 'sales-1');
    assert.equal(store.getState().version?.id, 'sales-1');
    store.getState().selectVersion('sales-2');
    assert.equal(store.getState().version?.id, 'sales-2');
    await store.getState().open(null);
    assert.equal(store.getState().openDataset, null);
  });

  it('closes the open dataset when a reload no longer lists it', async () => {
    const { client, store } = setup();
    await store.getState().open('sales');
    client.answer('datasets.list', [summary('churn')]);
    await store.getState().load();
    assert.equal(store.getState().openDataset, null);
    assert.equal(store.getState().version, null);
  });

  it('deletes a dataset, says how many versions went, and closes it', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { client, toasts, store } = setup();
    client.answer('datasets.delete', { deleted: 2 });
    await store.getState().open('sales');
    client.answer('datasets.list', [summary('churn')]);
    await store.getState().remove('sales');
    assert.deepEqual(
      toasts.getState().toasts.map((toast) => [toast.kind, toast.message]),
      [['info', 'Deleted sales and its 2 versions.']],
    );
    assert.equal(store.getState().openDataset, null);
  });

  it("shows the engine's sentence when a rename fails, and keeps the name", async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { client, toasts, store } = setup();
    await store.getState().open('sales');
    client.fail('datasets.rename', 'A dataset named churn already exists.', 'CONFLICT');
    await store.getState().rename('sales', 'churn');
    assert.equal(store.getState().openDataset, 'sales');
    assert.deepEqual(
      toasts.getState().toasts.map((toast) => [toast.kind, toast.message]),
      [['error', 'A dataset named churn already exists.']],
    );
  });

  it('opens the version a job made once it succeeds, and nothing when it is cancelled', async () => {
    const { client, store } = setup();
    store.getState().openWhenDone('import-1');
    client.emit('job.progress', jobEvent('import-1', 'running'));
    client.emit(
      'job.progress',
      jobEvent('import-1', 'succeeded', { result: { dataset: 'churn', id: 'churn-1' } }),
    );
    await settle();
    assert.equal(store.getState().openDataset, 'churn');
    assert.equal(store.getState().version?.id, 'churn-1');

    store.getState().openWhenDone('import-2');
    client.emit('job.progress', jobEvent('import-2', 'cancelled'));
    await settle();
    assert.equal(store.getState().version?.id, 'churn-1');
  });

  it('starts over when another workspace opens', async () => {
    const { client, store } = setup();
    await store.getState().open('sales');
    client.answer('datasets.list', []);
    client.emit('workspace.changed', { path: '/elsewhere' } as never);
    assert.equal(store.getState().openDataset, null);
    await settle();
    assert.deepEqual(store.getState().list, []);
    assert.equal(store.getState().loaded, true);
  });
});
