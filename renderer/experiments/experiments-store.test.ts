/** The experiments store against a scripted client: the table, selection, delete, reloads. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunDetail, RunSummary } from '../../shared/training';
import { createToastStore } from '../shell/toast-store';
import { FakeClient, settle } from '../testing/fake-client';
import { createExperimentsStore, RELOAD_DELAY_MS } from './experiments-store';

const run = (id: string) => ({ id }) as RunSummary;

function setup() {
  const client = new FakeClient();
  const toasts = createToastStore();
  const store = createExperimentsStore(client, toasts);
  client
    .answer('runs.list', [run('r1'), run('r2')])
    .answer('runs.get', ({ runId }) => ({ id: runId, status: 'succeeded' }) as unknown as RunDetail);
  return { client, toasts, store };
}

describe('experiments store', () => {
  it("selects runs for comparison and fetches each one's record once", async () => {
    const { client, store } = setup();
    await store.getState().load();
    store.getState().toggle('r1');
    store.getState().toggle('r2');
    await settle();
    assert.deepEqual(store.getState().selected, ['r1', 'r2']);
    assert.deepEqual(Object.keys(store.getState().details).sort(), ['r1', 'r2']);
    store.getState().toggle('r1');
    store.getState().toggle('r1');
    await settle();
    assert.equal(client.requests('runs.get').length, 2);
  });

  it('deletes runs, unselects them and reloads; a failed delete is shown', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { client, toasts, store } = setup();
    await store.getState().load();
    store.getState().toggle('r1');
    client.answer('runs.delete', { deleted: true });
    client.answer('runs.list', [run('r2')]);
    await store.getState().remove(['r1']);
    assert.deepEqual(store.getState().selected, []);
    assert.deepEqual(
      store.getState().runs.map((r) => r.id),
      ['r2'],
    );
    client.fail('runs.delete', 'No run r9.', 'NOT_FOUND');
    await store.getState().remove(['r9']);
    assert.deepEqual(
      toasts.getState().toasts.map((toast) => toast.message),
      ['No run r9.'],
    );
  });

  it('reloads once after a burst of finished runs, and forgets their stale records', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { client, store } = setup();
    store.getState().toggle('r1');
    await settle();
    client.emit('runs.changed', { runId: 'r1' });
    client.emit('runs.changed', { runId: 'r2' });
    assert.equal(store.getState().details.r1, undefined);
    t.mock.timers.tick(RELOAD_DELAY_MS);
    await settle();
    assert.equal(client.requests('runs.list').length, 1);
  });

  it('empties the table when another workspace opens', async () => {
    const { client, store } = setup();
    await store.getState().load();
    client.emit('workspace.changed', { path: '/elsewhere' } as never);
    assert.deepEqual(store.getState().runs, []);
    assert.equal(store.getState().loaded, false);
  });
});
