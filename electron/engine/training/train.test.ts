import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../../shared/errors';
import { deserializeModel, predict } from './model';
import { categorical, numeric, syntheticBinary } from '../../testing/synthetic';
import { inferTask } from './task';
import { runTraining } from './train';
import type { AlgorithmId, TrainData } from './types';

const binary = syntheticBinary({ rows: 4000, numeric: 10, informative: 8, redundant: 1, seed: 3 });

test('gradient boosting beats the baseline clearly on a nonlinear task', async () => {
  const gb = await runTraining({
    data: binary,
    algorithm: 'gbdt',
    params: { n_estimators: 60 },
    permutationImportance: false,
  });
  const base = await runTraining({ data: binary, algorithm: 'baseline', permutationImportance: false });
  assert.equal(gb.task, 'binary');
  assert.ok((gb.metrics.auc ?? 0) > 0.85, `gbdt auc ${gb.metrics.auc}`);
  assert.ok(Math.abs((base.metrics.auc ?? 0) - 0.5) < 1e-9);
  assert.ok((gb.metrics.logloss ?? 1) < (base.metrics.logloss ?? 0) - 0.2);
  assert.ok(gb.importance.gain && gb.importance.gain[0].importance > 0);
});

test('the same seed gives identical predictions; a different seed changes a random forest', async () => {
  const run = (seed: number) =>
    runTraining({
      data: binary,
      algorithm: 'random_forest',
      params: { n_estimators: 10, seed, max_depth: 8 },
      permutationImportance: false,
    });
  const [a, b, c] = await Promise.all([run(1), run(1), run(2)]);
  const pa = await predict(deserializeModel(a.model), binary.columns);
  const pb = await predict(deserializeModel(b.model), binary.columns);
  const pc = await predict(deserializeModel(c.model), binary.columns);
  assert.deepEqual(pa, pb);
  assert.notDeepEqual(pa, pc);
  const g1 = await runTraining({
    data: binary,
    algorithm: 'gbdt',
    params: { n_estimators: 10, subsample: 0.7, colsample_bytree: 0.6, seed: 5 },
    permutationImportance: false,
  });
  const g2 = await runTraining({
    data: binary,
    algorithm: 'gbdt',
    params: { n_estimators: 10, subsample: 0.7, colsample_bytree: 0.6, seed: 5 },
    permutationImportance: false,
  });
  assert.deepEqual(g1.model, g2.model);
});

test('every algorithm round-trips through JSON and predicts identically', async () => {
  const algorithms: AlgorithmId[] = [
    'gbdt',
    'random_forest',
    'extra_trees',
    'logistic_regression',
    'baseline',
  ];
  for (const algorithm of algorithms) {
    const r = await runTraining({
      data: binary,
      algorithm,
      params: { n_estimators: 8 },
      permutationImportance: false,
    });
    const json = JSON.parse(JSON.stringify(r.model));
    const again = await predict(deserializeModel(json), binary.columns);
    const first = await predict(deserializeModel(r.model), binary.columns);
    assert.deepEqual(again, first, algorithm);
    assert.ok((r.metrics.auc ?? 0) >= 0.5, `${algorithm} auc ${r.metrics.auc}`);
  }
});

test('multiclass probabilities sum to 1 and unseen categories and NaN predict without error', async () => {
  const n = 600;
  const colour: Array<string | null> = [];
  const x = new Float64Array(n);
  const y: Array<string | null> = [];
  for (let i = 0; i < n; i++) {
    colour.push(['red', 'green', 'blue', null][i % 4]);
    x[i] = (i % 7) + (i % 3) * 0.1;
    y.push(x[i] < 2 ? 'low' : x[i] < 5 ? 'mid' : colour[i] === 'red' ? 'high' : 'mid');
  }
  const data: TrainData = {
    columns: [numeric('x', x), categorical('colour', colour)],
    target: categorical('y', y),
  };
  assert.equal(inferTask(data.target), 'multiclass');
  const unseen = [numeric('x', [1, NaN, 6, 6]), categorical('colour', ['purple', 'red', null, 'red'])];
  for (const algorithm of ['gbdt', 'random_forest', 'logistic_regression'] as AlgorithmId[]) {
    const r = await runTraining({
      data,
      algorithm,
      params: { n_estimators: 20 },
      permutationImportance: false,
    });
    assert.deepEqual(r.classes, ['high', 'low', 'mid']);
    assert.ok((r.metrics.accuracy ?? 0) > 0.8, `${algorithm} accuracy ${r.metrics.accuracy}`);
    const p = await predict(deserializeModel(r.model), unseen);
    assert.equal(p.task, 'multiclass');
    if (p.task !== 'multiclass') return;
    for (let i = 0; i < 4; i++) {
      const s = p.proba[i * 3] + p.proba[i * 3 + 1] + p.proba[i * 3 + 2];
      assert.ok(Math.abs(s - 1) < 1e-9, `${algorithm} row ${i} sums to ${s}`);
      for (let k = 0; k < 3; k++) assert.ok(Number.isFinite(p.proba[i * 3 + k]));
    }
  }
});

test('a target with one class fails with a clear sentence', async () => {
  const data: TrainData = {
    columns: [numeric('x', [1, 2, 3, 4])],
    target: categorical('churned', ['no', 'no', 'no', null]),
  };
  await assert.rejects(
    runTraining({ data, algorithm: 'gbdt' }),
    (e: unknown) =>
      e instanceof ApiError &&
      e.code === 'INVALID_INPUT' &&
      /"churned".*only one value.*pick a target/.test(e.message),
  );
});

test('k-fold keeps per-fold metrics and refits one model; regression reports rmse and r2', async () => {
  const n = 500;
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = (i * 7919) % 100;
    b[i] = (i * 104729) % 37;
    t[i] = a[i] > 50 ? 10 + 0.1 * b[i] : 0.2 * b[i];
  }
  const data: TrainData = { columns: [numeric('a', a), numeric('b', b)], target: numeric('t', t) };
  const r = await runTraining({
    data,
    algorithm: 'gbdt',
    validation: { kind: 'kfold', folds: 3 },
    params: { n_estimators: 50, min_child_samples: 5 },
  });
  assert.equal(r.task, 'regression');
  assert.equal(r.folds?.length, 3);
  assert.ok((r.metrics.r2 ?? 0) > 0.95, `r2 ${r.metrics.r2}`);
  assert.ok(r.diagnostics.residuals && r.diagnostics.residuals.predicted.length > 0);
  assert.equal(r.importance.permutation?.[0].column, 'a');
  assert.ok(r.predictSecondsPerRow > 0);
});

test('holdout by time puts the latest rows in validation; by group keeps groups apart', async () => {
  const n = 200;
  const time = Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * 86_400_000);
  const g = categorical(
    'store',
    Array.from({ length: n }, (_, i) => `s${i % 10}`),
  );
  const x = Float64Array.from({ length: n }, (_, i) => i % 13);
  const y = Float64Array.from(x, (v) => (v > 6 ? 1 : 0));
  const data: TrainData = {
    columns: [{ name: 'when', kind: 'datetime', values: time }, g, numeric('x', x)],
    target: numeric('y', y),
  };
  const byTime = await runTraining({
    data,
    algorithm: 'logistic_regression',
    validation: { kind: 'holdout', strategy: 'time', column: 'when', fraction: 0.25 },
    permutationImportance: false,
  });
  assert.equal(byTime.validRows, 50);
  const byGroup = await runTraining({
    data,
    algorithm: 'gbdt',
    params: { n_estimators: 5, min_child_samples: 2 },
    validation: { kind: 'holdout', strategy: 'group', column: 'store', fraction: 0.3 },
    permutationImportance: false,
  });
  assert.equal(byGroup.validRows % 20, 0);
});
