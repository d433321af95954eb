import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JobProgress } from '../../../shared/jobs';
import { EventBus } from '../core/event-bus';
import { JobManager } from './job-manager';

function setup() {
  const events = new EventBus();
  const seen: JobProgress[] = [];
  events.on('job.progress', (p) => seen.push(p));
  return { jobs: new JobManager(events), seen };
}

describe('jobs', () => {
  it('reports start, the latest progress (even when throttled) and success', async () => {
    const { jobs, seen } = setup();
    const { jobId, outcome } = jobs.start({ kind: 'test', label: 'Work', unit: 'rows' }, async (ctx) => {
      for (let done = 1; done <= 100; done += 1) ctx.progress({ stage: 'Working', done, total: 100 });
      await new Promise((r) => setTimeout(r, 250));
      return { rows: 100 };
    });
    assert.deepEqual(await outcome, { rows: 100 });
    assert.equal(seen[0]!.state, 'running');
    assert.ok(seen.length < 20, `progress is coalesced (${seen.length} events)`);
    assert.ok(
      seen.some((p) => p.state === 'running' && p.done === 100),
      'the last update is not lost',
    );
    const last = seen.at(-1)!;
    assert.equal(last.jobId, jobId);
    assert.equal(last.state, 'succeeded');
    assert.deepEqual(last.result, { rows: 100 });
  });

  it('cancels through the signal and reports a cancelled state', async () => {
    const { jobs, seen } = setup();
    const { jobId, outcome } = jobs.start({ kind: 'test', label: 'Long work' }, async (ctx) => {
      for (;;) {
        ctx.throwIfCancelled();
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    assert.equal(jobs.cancel(jobId), true);
    await assert.rejects(outcome, /Long work was cancelled; nothing was changed\./);
    assert.equal(seen.at(-1)!.state, 'cancelled');
    assert.equal(jobs.cancel(jobId), false, 'a finished job cannot be cancelled again');
  });

  it('reports a failure with its sentence and hides internals', async () => {
    const { jobs, seen } = setup();
    const originalError = console.error;
    console.error = () => undefined;
    try {
      const { outcome } = jobs.start({ kind: 'test', label: 'Broken' }, async () => {
        throw new TypeError('cannot read properties of undefined');
      });
      await assert.rejects(outcome, /Something went wrong inside Assay/);
    } finally {
      console.error = originalError;
    }
    const last = seen.at(-1)!;
    assert.equal(last.state, 'failed');
    assert.equal(last.error?.code, 'INTERNAL');
    assert.doesNotMatch(last.error?.message ?? '', /undefined/);
  });

  it('waits for the full result, which the record only summarises, and for the failure', async () => {
    const { jobs } = setup();
    const big = { values: Array.from({ length: 2000 }, (_v, i) => i) };
    const { jobId } = jobs.start({ kind: 'test', label: 'Big' }, async () => big);
    assert.equal(await jobs.wait(jobId), big);
    assert.equal(jobs.list()[0]!.result, undefined, 'over 4 KB: not kept in the record');
    const cancelled = jobs.start({ kind: 'test', label: 'Stopped' }, async (ctx) => {
      await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
      return 1;
    });
    const waiting = jobs.wait(cancelled.jobId);
    jobs.cancel(cancelled.jobId);
    await assert.rejects(waiting, {
      code: 'CANCELLED',
      message: 'Stopped was cancelled; nothing was changed.',
    });
    jobs.clearFinished();
    await assert.rejects(jobs.wait(jobId), { code: 'NOT_FOUND' });
  });

  it('lists newest first and clears finished jobs', async () => {
    const { jobs } = setup();
    await jobs.start({ kind: 'a', label: 'A' }, async () => 1).outcome;
    const running = jobs.start(
      { kind: 'b', label: 'B' },
      (ctx) =>
        new Promise((_r, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('x')))),
    );
    assert.deepEqual(
      jobs
        .list()
        .map((j) => j.label)
        .sort(),
      ['A', 'B'],
    );
    assert.equal(jobs.clearFinished(), 1);
    assert.deepEqual(
      jobs.list().map((j) => j.label),
      ['B'],
    );
    await jobs.cancelAll();
    await assert.rejects(running.outcome, /cancelled/);
  });
});
