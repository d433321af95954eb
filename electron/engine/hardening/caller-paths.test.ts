/**
 * Paths from callers: exports never land in a workspace's internals or relative to the
 * server's folder, workspaces are never created on kernel filesystems, imports refuse
 * /proc and /dev, and a symbolic link to the open workspace is the same workspace.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { ApiError } from '../../../shared/errors';
import { importFiles, snapshot } from '../../testing/dataset-fixtures';
import { tempDir, withTempEngine } from '../../testing/temp-engine';

describe('hardening: caller paths', () => {
  it('refuses exports into the workspace, through links to it, relative or onto /dev, and changes nothing', async () => {
    await withTempEngine(async (engine, ws) => {
      const file = path.join(tempDir(), 'p.csv');
      fs.writeFileSync(file, 'a,b\n1,x\n2,y\n');
      const v = await importFiles(engine, [file]);
      const out = tempDir();
      fs.symlinkSync(path.join(ws, 'workspace.duckdb'), path.join(out, 'innocent.csv'));
      fs.symlinkSync(ws, path.join(out, 'ws-link'));
      const before = await snapshot(engine);
      const cases: Array<[string, RegExp]> = [
        [path.join(ws, 'workspace.duckdb'), /inside the workspace at .* writing there would damage it/],
        [path.join(ws, 'workspace.duckdb.wal'), /inside the workspace/],
        [path.join(ws, 'artifacts', 'x.csv'), /inside the workspace/],
        [path.join(out, 'innocent.csv'), /inside the workspace/],
        [path.join(out, 'ws-link', 'workspace.duckdb'), /inside the workspace/],
        ['out.csv', /"out.csv" is a relative path; give the full path/],
        ['../x.csv', /relative path/],
        ['/dev/full', /system filesystem/],
        ['/proc/self/x.csv', /system filesystem/],
      ];
      for (const [target, expected] of cases) {
        await assert.rejects(
          engine.datasets.startExport(v.id, 'csv', target).then((job) => job.outcome),
          (e: ApiError) => {
            assert.match(e.message, expected, target);
            return true;
          },
        );
      }
      assert.ok(!fs.existsSync(path.resolve('out.csv')), 'nothing written in the working folder');
      assert.equal(await snapshot(engine), before);
      const { jobId } = await engine.call('datasets.export', {
        version: v.id,
        format: 'csv',
        path: path.join(ws, 'beside.csv'),
      });
      assert.ok(jobId, 'the workspace folder itself is a fine place for an export');
    });
  });

  it('refuses workspaces on kernel filesystems at once, and relative workspace paths', async () => {
    await withTempEngine(async (engine) => {
      for (const dir of ['/proc/assay-ws', '/sys/assay/ws', '/proc']) {
        const started = performance.now();
        await assert.rejects(
          engine.call('workspace.open', { path: dir, create: true }),
          /system filesystem/,
          dir,
        );
        assert.ok(performance.now() - started < 5000, `${dir} answered at once`);
      }
      await assert.rejects(engine.call('workspace.open', { path: 'rel/ws', create: true }), /relative path/);
      assert.ok(!fs.existsSync(path.resolve('rel')));
    });
  });

  it('treats a symbolic link to the open workspace as the same workspace', async () => {
    await withTempEngine(async (engine, ws) => {
      const link = path.join(tempDir(), 'link');
      fs.symlinkSync(ws, link);
      const changed: string[] = [];
      engine.events.on('workspace.changed', (info) => changed.push(info.path));
      const info = await engine.call('workspace.open', { path: link });
      assert.equal(info.path, fs.realpathSync(ws));
      assert.deepEqual(changed, [], 'no second DuckDB instance was opened');
      assert.equal((await engine.call('sql.run', { sql: 'SELECT 1 AS one' })).rowCount, 1);
    });
  });

  it('refuses to import from /proc, /sys and devices', async () => {
    await withTempEngine(async (engine) => {
      for (const source of ['/proc/self/status', '/sys/kernel/hostname', '/dev/zero']) {
        if (!fs.existsSync(source)) continue;
        await assert.rejects(
          engine.datasets.startImport({ paths: [source] }).outcome,
          /system filesystem|not a regular file/,
          source,
        );
      }
    });
  });
});
