import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { test } from 'node:test';
import { syntheticBinary } from '../../testing/synthetic';
import { lastFoldRun } from './parallel-folds';
import { runTraining } from './train';
import type { AlgorithmId, TrainResult } from './types';

const data = syntheticBinary({ rows: 1500, numeric: 8, informative: 6, redundant: 1, seed: 5 });

/** '0': every fit here; 'helper': every fit on the fold helper (parallel-folds.ts). */
async function kfold(algorithm: AlgorithmId, mode: '0' | 'helper'): Promise<TrainResult> {
  const before = process.env.ASSAY_PARALLEL_FOLDS;
  process.env.ASSAY_PARALLEL_FOLDS = mode;
  try {
    return await runTraining({
      data,
      algorithm,
      params: { n_estimators: 40, seed: 7 },
      validation: { kind: 'kfold', folds: 4 },
    });
  } finally {
    if (before === undefined) delete process.env.ASSAY_PARALLEL_FOLDS;
    else process.env.ASSAY_PARALLEL_FOLDS = before;
  }
}

for (const algorithm of ['gbdt', 'logistic_regression', 'mlp'] as const) {
  test(`k-fold ${algorithm} fitted on the fold helper gives the same folds, metrics, importance and model as here`, async () => {
    const alone = await kfold(algorithm, '0');
    assert.equal(lastFoldRun.helperTasks, 0);
    const shared = await kfold(algorithm, 'helper');
    if (availableParallelism() > 1)
      assert.equal(lastFoldRun.helperTasks, 5, 'the refit and four folds ran there');
    assert.deepEqual(
      shared.folds?.map((f) => f.metrics),
      alone.folds?.map((f) => f.metrics),
    );
    assert.deepEqual(shared.metrics, alone.metrics);
    assert.deepEqual(shared.diagnostics, alone.diagnostics);
    assert.deepEqual(shared.model, alone.model);
    assert.ok(alone.importance.permutation?.length, 'permutation importance was measured');
    assert.deepEqual(shared.importance, alone.importance);
  });
}
