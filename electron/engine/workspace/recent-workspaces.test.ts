/** The recent list in a throw-away config folder: order, and folders that are gone. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { tempDir } from '../../testing/temp-engine';
import { listRecentWorkspaces, readRecentWorkspaces, rememberWorkspace } from './recent-workspaces';
import { workspaceFiles } from './workspace-paths';

/** A folder that looks like a workspace to the list: it has the database file. */
function fakeWorkspace(): string {
  const dir = tempDir();
  fs.writeFileSync(workspaceFiles(dir).databaseFile, '');
  return dir;
}

describe('recent workspaces', () => {
  const saved = process.env.ASSAY_CONFIG_DIR;
  beforeEach(() => {
    process.env.ASSAY_CONFIG_DIR = tempDir();
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.ASSAY_CONFIG_DIR;
    else process.env.ASSAY_CONFIG_DIR = saved;
  });

  it('lists the most recently opened first, each once', async () => {
    const [a, b] = [fakeWorkspace(), fakeWorkspace()];
    await rememberWorkspace(a);
    await rememberWorkspace(b);
    await rememberWorkspace(a);
    assert.deepEqual(await listRecentWorkspaces(), [a, b]);
  });

  it('leaves out folders that no longer exist or no longer hold a workspace, but remembers them', async () => {
    const [kept, deleted, emptied] = [fakeWorkspace(), fakeWorkspace(), fakeWorkspace()];
    for (const dir of [kept, deleted, emptied]) await rememberWorkspace(dir);
    fs.rmSync(deleted, { recursive: true, force: true });
    fs.rmSync(workspaceFiles(emptied).databaseFile);
    assert.deepEqual(await listRecentWorkspaces(), [kept]);
    assert.equal((await readRecentWorkspaces()).length, 3, 'an unmounted drive may come back');
  });

  it('gives an empty list for a missing or unreadable file', async () => {
    assert.deepEqual(await listRecentWorkspaces(), []);
    fs.writeFileSync(path.join(process.env.ASSAY_CONFIG_DIR!, 'recent-workspaces.json'), '{not json');
    assert.deepEqual(await listRecentWorkspaces(), []);
  });
});
