/**
 * `jobs.wait` and `runJob` through a real engine's client: the typed full result, the
 * job's progress, a failure's own sentence, and cancel through an AbortSignal.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { JobProgress } from '../../../shared/jobs';
import { followJob, runJob } from '../../../shared/run-job';
import { inProcessClient } from '../core/in-process-client';
import { withTempEngine } from '../../testing/temp-engine';

function writeCsv(dir: string, rows: number): string {
  const file = path.join(dir, 'numbers.csv');
  const lines = Array.from({ length: rows }, (_v, i) => `${i},${i % 7}`);
  fs.writeFileSync(file, `id,group\n${lines.join('\n')}\n`);
  return file;
}

describe('runJob and jobs.wait', () => {
  it('resolves with the full, typed result and follows the job to its end', async () => {
    await withTempEngine(async (engine, dir) => {
      const seen: JobProgress[] = [];
      const version = await runJob(
        engine.client,
        'datasets.import',
        { paths: [writeCsv(dir, 5000)], name: 'numbers' },
        { onProgress: (p) => seen.push(p) },
      );
      // The compiler knows the result is a DatasetVersion, not `unknown`.
      const rows: number = version.rows;
      // @ts-expect-error a DatasetVersion has no runIds
      assert.equal(version.runIds, undefined);
      assert.equal(rows, 5000);
      assert.deepEqual(
        version.columns.map((c) => c.name),
        ['id', 'group'],
      );
      assert.equal(seen[0]?.state, 'running');
      assert.equal(seen.at(-1)?.state, 'succeeded');
      assert.ok(seen.every((p) => p.jobId === seen[0]!.jobId));
      assert.deepEqual(await engine.call('jobs.wait', { jobId: seen[0]!.jobId }), version, 'waits again');
    });
  });

  it("rejects with the job's own sentence when it fails, and for an unknown job", async () => {
    await withTempEngine(async (engine, dir) => {
      const version = await runJob(engine.client, 'datasets.import', { paths: [writeCsv(dir, 10)] });
      const nowhere = path.join(dir, 'no-such-folder', 'out.csv');
      await assert.rejects(
        runJob(engine.client, 'datasets.export', { version: version.id, format: 'csv', path: nowhere }),
        { code: 'INVALID_INPUT', message: /^The folder .*no-such-folder does not exist; create it/ },
      );
      await assert.rejects(engine.call('jobs.wait', { jobId: 'nope' }), {
        code: 'NOT_FOUND',
        message: 'There is no job "nope"; it may have finished and been cleared from the jobs panel.',
      });
      await assert.rejects(engine.call('jobs.wait', { jobId: '' }), {
        code: 'BAD_REQUEST',
        message: /^Invalid request to jobs\.wait \(jobId\)/,
      });
    });
  });

  it('cancels the job through the contract when the signal aborts', async () => {
    await withTempEngine(async (engine) => {
      // A job that runs until cancelled, started by a real handler through dispatch.
      const client = inProcessClient(
        {
          ...engine.handlers,
          'datasets.import': async () => ({
            jobId: engine.jobs.start(
              { kind: 'import', label: 'Importing forever' },
              (ctx) =>
                new Promise((_resolve, reject) =>
                  ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)),
                ),
            ).jobId,
          }),
        },
        engine.events,
      );
      const controller = new AbortController();
      const seen: JobProgress[] = [];
      const running = runJob(
        client,
        'datasets.import',
        { paths: ['x.csv'] },
        {
          signal: controller.signal,
          onProgress: (p) => {
            seen.push(p);
            if (p.state === 'running') controller.abort();
          },
        },
      );
      await assert.rejects(running, {
        code: 'CANCELLED',
        message: 'Importing forever was cancelled; nothing was changed.',
      });
      assert.equal(seen.at(-1)?.state, 'cancelled');

      const aborted = AbortSignal.abort();
      await assert.rejects(runJob(client, 'datasets.import', { paths: ['x.csv'] }, { signal: aborted }), {
        code: 'CANCELLED',
      });
      const started = await client.call('datasets.import', { paths: ['x.csv'] });
      await assert.rejects(followJob(client, started.jobId, { signal: aborted }), /was cancelled/);
      assert.deepEqual(
        (await engine.call('jobs.list', {})).map((j) => j.state),
        ['cancelled', 'cancelled'],
        'the job aborted before it started was never started',
      );
    });
  });
});
