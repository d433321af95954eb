/** The `assay` command as a user runs it: a real process, real exit codes, real output. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CLI_ENTRY, runAssay } from '../testing/run-assay';
import { tempDir } from '../testing/temp-engine';

const assay = (args: string[], env: NodeJS.ProcessEnv = {}) => runAssay(args, { env });

describe('assay CLI', () => {
  it('prints help for the program and every command, exit 0', () => {
    for (const args of [
      ['--help'],
      ['serve', '--help'],
      ['workspace', '--help'],
      ['workspace', 'create', '--help'],
    ]) {
      const { code, stdout } = assay(args);
      assert.equal(code, 0, args.join(' '));
      assert.match(stdout, /Usage: assay/);
    }
    assert.match(assay(['--version']).stdout, /^\d+\.\d+\.\d+/);
  });

  it('exits 2 on wrong usage', () => {
    assert.equal(assay(['no-such-command']).code, 2);
    assert.equal(assay(['workspace', '--no-such-flag']).code, 2);
    const badPort = assay(['serve', '--port', 'eighty']);
    assert.equal(badPort.code, 2);
    assert.match(badPort.stderr, /--port must be a whole number/);
  });

  it('creates and describes a workspace, as JSON for scripts', () => {
    const dir = path.join(tempDir(), 'ws');
    const created = assay(['--json', 'workspace', 'create', dir]);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(JSON.parse(created.stdout).path, dir);
    const info = assay(['--workspace', dir, '--json', 'workspace', 'info']);
    assert.equal(info.code, 0, info.stderr);
    assert.deepEqual(Object.keys(JSON.parse(info.stdout)).sort(), [
      'artifactsDir',
      'databaseFile',
      'name',
      'path',
      'schemaVersion',
      'sizeBytes',
    ]);
    const fromEnv = assay(['--json', 'workspace'], { ASSAY_WORKSPACE: dir });
    assert.equal(JSON.parse(fromEnv.stdout).path, dir);
  });

  it('fails with exit 1 and one sentence on stderr, never a stack trace', () => {
    const file = path.join(tempDir(), 'a-file');
    fs.writeFileSync(file, 'x');
    const { code, stderr, stdout } = assay(['--workspace', file, 'workspace']);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /^assay: .* is a file, not a folder; choose a folder for the workspace\.\n$/);
    const verbose = assay(['--workspace', file, '--verbose', 'workspace']);
    assert.match(verbose.stderr, /\n\s+at /, '--verbose adds the stack');
  });

  it('serve prints exactly the address line and stops cleanly on SIGTERM', async () => {
    const dir = tempDir();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI_ENTRY, '--workspace', dir, 'serve', '--port', '0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('\n')) resolve(stdout);
      });
      child.once('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
    });
    assert.match(line, /^Assay is running at http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}\n$/);
    const url = line.trim().split(' ').pop()!;
    assert.equal((await fetch(url.replace(/\?token=.*/, ''))).status, 401);
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exit, 0);
    assert.equal(stdout, line, 'nothing else on stdout');
  });
});
