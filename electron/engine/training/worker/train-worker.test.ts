import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../../../shared/errors';
import { syntheticBinary } from '../../../testing/synthetic';
import { trainInWorker } from '../train-in-worker';
import type { TrainProgress } from '../types';

test('a job runs in a worker thread, streams progress and returns a serialised model', async () => {
  const data = syntheticBinary({ rows: 3000, numeric: 8, informative: 6, redundant: 1, seed: 11 });
  const progress: TrainProgress[] = [];
  const result = await trainInWorker(
    { data, algorithm: 'gbdt', params: { n_estimators: 30 }, permutationImportance: false },
    { onProgress: (p) => progress.push(p) },
  );
  assert.equal(result.task, 'binary');
  assert.ok((result.metrics.auc ?? 0) > 0.8);
  assert.ok(progress.length > 0 && progress[progress.length - 1].iteration === 30);
  assert.equal(result.model.format, 'assay.model/1');
  // The buffers were transferred: the caller's arrays are now empty.
  assert.equal(data.target.kind === 'numeric' ? data.target.values.length : -1, 0);
});

test('cancel stops a worker job promptly', async () => {
  const data = syntheticBinary({ rows: 20000, numeric: 10, seed: 12 });
  const controller = new AbortController();
  let started = 0;
  const job = trainInWorker(
    {
      data,
      algorithm: 'gbdt',
      params: { n_estimators: 100000, learning_rate: 0.01 },
      permutationImportance: false,
    },
    {
      signal: controller.signal,
      onProgress: () => {
        if (!started) {
          started = Date.now();
          controller.abort();
        }
      },
    },
  );
  await assert.rejects(job, (e: unknown) => e instanceof ApiError && e.code === 'CANCELLED');
  const took = Date.now() - started;
  assert.ok(took < 1500, `stopped after ${took} ms`);
});
