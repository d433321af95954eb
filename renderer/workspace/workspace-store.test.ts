/** The workspace store against a scripted client: load, its error, open, change events. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppInfo } from '../../shared/app';
import type { WorkspaceInfo } from '../../shared/workspace';
import { FakeClient } from '../testing/fake-client';
import { createWorkspaceStore } from './workspace-store';

const info = (path: string) => ({ path, name: path.split('/').at(-1) }) as WorkspaceInfo;

describe('workspace store', () => {
  it('loads the workspace and the app facts together', async () => {
    const client = new FakeClient()
      .answer('workspace.info', info('/w/one'))
      .answer('app.info', { version: '0.1.0' } as AppInfo);
    const store = createWorkspaceStore(client);
    await store.getState().load();
    assert.equal(store.getState().info?.path, '/w/one');
    assert.equal(store.getState().app?.version, '0.1.0');
    assert.equal(store.getState().loadError, null);
  });

  it("shows the engine's sentence when the workspace cannot be read", async () => {
    const client = new FakeClient()
      .fail('workspace.info', 'The workspace is locked by another Assay.', 'WORKSPACE_LOCKED')
      .answer('app.info', { version: '0.1.0' } as AppInfo);
    const store = createWorkspaceStore(client);
    await store.getState().load();
    assert.equal(store.getState().loadError, 'The workspace is locked by another Assay.');
  });

  it('opens another workspace, refreshes the recent list, and rejects with the reason', async () => {
    const client = new FakeClient()
      .answer('workspace.open', ({ path }) => info(path))
      .answer('workspace.recent', { paths: ['/w/two', '/w/one'] });
    const store = createWorkspaceStore(client);
    await store.getState().open('/w/two', true);
    assert.equal(store.getState().info?.path, '/w/two');
    assert.deepEqual(store.getState().recent, ['/w/two', '/w/one']);
    assert.deepEqual(client.requests('workspace.open'), [{ path: '/w/two', create: true }]);

    client.fail('workspace.open', 'No workspace at /nowhere.', 'NOT_FOUND');
    await assert.rejects(store.getState().open('/nowhere', false), /No workspace at \/nowhere\./);
    assert.equal(store.getState().info?.path, '/w/two');
  });

  it('follows a workspace opened elsewhere (the menu, another window)', () => {
    const client = new FakeClient();
    const store = createWorkspaceStore(client);
    client.emit('workspace.changed', info('/w/three'));
    assert.equal(store.getState().info?.path, '/w/three');
  });
});
