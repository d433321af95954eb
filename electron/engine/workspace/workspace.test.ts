/** Workspaces on real disk with a real DuckDB, including a second process holding the lock. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { ApiError } from '../../../shared/errors';
import { tempDir, withTempEngine } from '../../testing/temp-engine';
import { latestSchemaVersion } from './migrations';
import { Workspace } from './workspace';

describe('workspace', () => {
  it('creates the folder, the database and artifacts/, and migrates once', async () => {
    const dir = path.join(tempDir(), 'nested', 'project');
    const first = await Workspace.open(dir, { create: true });
    const info = await first.info();
    assert.equal(info.path, dir);
    assert.equal(info.name, 'project');
    assert.equal(info.schemaVersion, latestSchemaVersion);
    assert.ok(fs.existsSync(info.databaseFile) && fs.statSync(info.artifactsDir).isDirectory());
    first.close();

    const again = await Workspace.open(dir);
    const reader = await again.connection.runAndReadAll(
      'SELECT count(*)::INTEGER AS n FROM assay_meta.migrations',
    );
    assert.equal(reader.getRowObjectsJS()[0]!.n, latestSchemaVersion, 'each migration recorded exactly once');
    again.close();
  });

  it('refuses a missing folder, a file, and a folder that is not a workspace, each in one sentence', async () => {
    const root = tempDir();
    await assert.rejects(Workspace.open(path.join(root, 'missing')), (e: ApiError) => {
      assert.equal(e.code, 'NOT_FOUND');
      assert.match(e.message, /^There is no workspace at .*missing; create it or choose another folder\.$/);
      return true;
    });
    fs.writeFileSync(path.join(root, 'file.txt'), 'x');
    await assert.rejects(
      Workspace.open(path.join(root, 'file.txt'), { create: true }),
      /is a file, not a folder/,
    );
    await assert.rejects(Workspace.open(root), /is not an Assay workspace/);
    assert.ok(!fs.existsSync(path.join(root, 'missing')), 'nothing was created');
  });

  it('refuses a damaged database file without touching it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'workspace.duckdb');
    fs.writeFileSync(file, 'this is not a database, just some text that happens to be here'.repeat(100));
    const before = fs.readFileSync(file);
    await assert.rejects(
      Workspace.open(dir),
      (e: ApiError) => e.code === 'INVALID_INPUT' || e.code === 'INTERNAL',
    );
    assert.deepEqual(fs.readFileSync(file), before);
  });

  it('refuses a workspace written by a newer Assay', async () => {
    const dir = tempDir();
    const ws = await Workspace.open(dir, { create: true });
    await ws.connection.run(`INSERT INTO assay_meta.migrations (version, name) VALUES (9999, 'future')`);
    ws.close();
    await assert.rejects(Workspace.open(dir), /written by a newer Assay \(schema 9999/);
  });

  it('gives a clear error when another Assay process has the workspace open', async () => {
    const dir = tempDir();
    (await Workspace.open(dir, { create: true })).close();
    const holder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { Workspace } from ${JSON.stringify(path.resolve('electron/engine/workspace/workspace.ts'))};
         await Workspace.open(${JSON.stringify(dir)});
         console.log('holding');
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('holding') && resolve());
        holder.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
      });
      await assert.rejects(Workspace.open(dir), (e: ApiError) => {
        assert.equal(e.code, 'WORKSPACE_LOCKED');
        assert.match(e.message, new RegExp(`already open in another Assay process \\(PID ${holder.pid}\\)`));
        return true;
      });
    } finally {
      holder.kill();
    }
  });

  it('switches workspaces through the contract, and keeps the old one when the new path is bad', async () => {
    await withTempEngine(async (engine, dir) => {
      const events: string[] = [];
      engine.events.on('workspace.changed', (info) => events.push(info.path));
      await assert.rejects(
        engine.call('workspace.open', { path: path.join(dir, 'nope') }),
        /There is no workspace/,
      );
      assert.equal((await engine.call('workspace.info', {})).path, path.resolve(dir));

      const other = tempDir();
      const info = await engine.call('workspace.open', { path: other, create: true });
      assert.equal(info.path, other);
      assert.deepEqual(events, [other]);
      assert.ok((await engine.call('workspace.recent', {})).paths.includes(other));
      // Re-opening the folder in use is a no-op, not a second handle on the same file.
      assert.equal((await engine.call('workspace.open', { path: other })).path, other);
      assert.equal(events.length, 1);
    });
  });
});
