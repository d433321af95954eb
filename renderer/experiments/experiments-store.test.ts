/**
 * The experiments store against a scripted client: the table, selection, archive and
 * restore, the run page, "compare these runs", reloads.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunDetail, RunSummary } from '../../shared/training';
import { createToastStore } from '../shell/toast-store';
import { FakeClient, settle } from '../testing/fake-client';
import { createExperimentsStore, RELOAD_DELAY_MS } from './experiments-store';

const run = (id: string) => ({ id }) as RunSummary;

/** A client whose runs table lives in two lists the archive calls move runs between. */
function setup() {
  const client = new FakeClient();
  const toasts = createToastStore();
  const store = createExperimentsStore(client, toasts);
  const table = { active: ['r1', 'r2'], archived: [] as string[] };
  const move = (ids: string[], from: string[], to: string[]) => {
    const moved = from.filter((id) => ids.includes(id));
    to.push(...moved);
    from.splice(0, from.length, ...from.filter((id) => !ids.includes(id)));
    return moved.length;
  };
  client
    .answer('runs.list', ({ archived }) => (archived ? table.archived : table.active).map(run))
    .answer('runs.get', ({ runId }) => ({ id: runId, status: 'succeeded' }) as unknown as RunDetail)
    .answer('runs.archive', ({ runIds }) => ({ archived: move(runIds, table.active, table.archived) }))
    .answer('runs.restore', ({ runIds }) => ({ restored: move(runIds, table.archived, table.active) }))
    .answer('runs.emptyArchive', () => ({ deleted: table.archived.splice(0).length }));
  return { client, toasts, store };
}

const ids = (runs: RunSummary[]) => runs.map((r) => r.id);

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

  it('archives runs (unselecting them), restores them, and empties the archive', async () => {
    const { store } = setup();
    await store.getState().load();
    store.getState().toggle('r1');
    await store.getState().archive(['r1']);
    assert.deepEqual(store.getState().selected, []);
    assert.deepEqual(ids(store.getState().runs), ['r2']);
    assert.deepEqual(ids(store.getState().archived), ['r1']);
    await store.getState().restore(['r1']);
    assert.deepEqual(ids(store.getState().runs).sort(), ['r1', 'r2']);
    assert.deepEqual(store.getState().archived, []);
    await store.getState().archive(['r1', 'r2']);
    await store.getState().emptyArchive();
    assert.deepEqual(store.getState().runs, []);
    assert.deepEqual(store.getState().archived, []);
  });

  it('shows a failed archive call as a sentence', async () => {
    const { client, toasts, store } = setup();
    client.fail('runs.archive', 'Choose at least one run.');
    await store.getState().archive([]);
    assert.deepEqual(
      toasts.getState().toasts.map((toast) => toast.message),
      ['Choose at least one run.'],
    );
  });

  it('opens a run page with its record, and compares the runs just trained', async () => {
    const { store } = setup();
    store.getState().openRun('r2');
    await settle();
    assert.equal(store.getState().openRunId, 'r2');
    assert.equal(store.getState().details.r2?.id, 'r2');
    store.getState().compare('churn → churned', ['r1', 'r2']);
    await settle();
    assert.equal(store.getState().openRunId, null);
    assert.equal(store.getState().experiment, 'churn → churned');
    assert.deepEqual(store.getState().selected, ['r1', 'r2']);
    assert.ok(store.getState().details.r1);
    store.getState().setShowArchive(true);
    assert.equal(store.getState().showArchive, true);
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
    // One reload: the runs and the archive.
    assert.equal(client.requests('runs.list').length, 2);
    assert.ok(store.getState().details.r1, 'the selected run is fetched again');
  });

  it('empties the table when another workspace opens', async () => {
    const { client, store } = setup();
    await store.getState().load();
    client.emit('workspace.changed', { path: '/elsewhere' } as never);
    assert.deepEqual(store.getState().runs, []);
    assert.equal(store.getState().loaded, false);
  });
});
