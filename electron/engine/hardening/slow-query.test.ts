/**
 * One endless console query must not freeze anyone: while it runs, grid pages and the
 * dataset list still answer, the jobs panel can cancel it, the time limit stops it, and
 * closing the engine interrupts it.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { ApiError } from '../../../shared/errors';
import type { Engine } from '../engine';
import { importFiles } from '../../testing/dataset-fixtures';
import { tempDir, withTempEngine } from '../../testing/temp-engine';

const ENDLESS = 'SELECT count(*) FROM range(1000000000000)';
/** Generous for two busy cores; before the fix these calls waited for the query itself. */
const RESPONSIVE_MS = 3000;

async function runningSqlJob(engine: Engine): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const job = engine.jobs.list().find((j) => j.kind === 'sql' && j.state === 'running');
    if (job) return job.jobId;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the console query never started as a job');
}

async function timed<T>(work: Promise<T>): Promise<number> {
  const started = performance.now();
  await work;
  return performance.now() - started;
}

describe('hardening: a slow console query', () => {
  it('leaves the grid and the catalogue answering, and stops when cancelled', async () => {
    await withTempEngine(async (engine) => {
      const file = path.join(tempDir(), 'small.csv');
      fs.writeFileSync(file, 'a,b\n1,x\n2,y\n');
      const v = await importFiles(engine, [file]);
      const slow = engine.call('sql.run', { sql: ENDLESS });
      slow.catch(() => undefined);
      const jobId = await runningSqlJob(engine);
      await new Promise((r) => setTimeout(r, 300));
      assert.ok(
        (await timed(engine.call('datasets.page', { version: v.id, offset: 0, limit: 10 }))) < RESPONSIVE_MS,
      );
      assert.ok((await timed(engine.call('datasets.list', {}))) < RESPONSIVE_MS);
      assert.ok((await timed(engine.call('sql.run', { sql: 'SELECT 42' }))) < RESPONSIVE_MS);
      const cancelledAt = performance.now();
      assert.ok(engine.jobs.cancel(jobId));
      await assert.rejects(slow, (e: ApiError) => e.code === 'CANCELLED');
      assert.ok(performance.now() - cancelledAt < RESPONSIVE_MS, 'cancel interrupts DuckDB');
    });
  });

  it('stops at the time limit with a sentence that says how to raise it', async () => {
    const previous = process.env.ASSAY_SQL_TIMEOUT_S;
    process.env.ASSAY_SQL_TIMEOUT_S = '1';
    try {
      await withTempEngine(async (engine) => {
        await assert.rejects(engine.call('sql.run', { sql: ENDLESS }), (e: ApiError) => {
          assert.match(e.message, /ran for more than 1 seconds and was stopped; .* ASSAY_SQL_TIMEOUT_S/);
          return true;
        });
      });
    } finally {
      if (previous === undefined) delete process.env.ASSAY_SQL_TIMEOUT_S;
      else process.env.ASSAY_SQL_TIMEOUT_S = previous;
    }
  });

  it('is interrupted when the engine closes', async () => {
    let slow: Promise<unknown> = Promise.resolve();
    await withTempEngine(async (engine) => {
      slow = engine.call('sql.run', { sql: ENDLESS });
      slow.catch(() => undefined);
      await runningSqlJob(engine);
    });
    // withTempEngine closed the engine: the query must already have settled.
    const settled = await Promise.race([
      slow.then(
        () => 'resolved',
        () => 'rejected',
      ),
      new Promise((r) => setTimeout(() => r('still running'), RESPONSIVE_MS)),
    ]);
    assert.equal(settled, 'rejected');
  });
});
