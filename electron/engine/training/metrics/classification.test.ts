import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classificationMetrics, rankCurves } from './classification';
import { regressionMetrics } from './regression';

test('ROC AUC and average precision match hand-computed values', () => {
  // Scores 0.9(+) 0.8(−) 0.7(+) 0.6(−): positive-above-negative pairs 3 of 4 → AUC 0.75.
  const r = rankCurves(Float64Array.of(0.9, 0.8, 0.7, 0.6), Uint8Array.of(1, 0, 1, 0));
  assert.equal(r?.auc, 0.75);
  // AP = 0.5·1 + 0.5·(2/3).
  assert.ok(Math.abs((r?.ap ?? 0) - (0.5 + 1 / 3)) < 1e-12);
});

test('confusion-matrix metrics for a small binary case', () => {
  const y = Float64Array.of(1, 1, 0, 0, 1);
  const proba = Float64Array.of(0.2, 0.8, 0.6, 0.4, 0.3, 0.7, 0.9, 0.1, 0.1, 0.9);
  const { metrics, diagnostics } = classificationMetrics(y, proba, ['0', '1']);
  // Predictions 1,0,1,0,1 → TP 2, FN 1, FP 1, TN 1.
  assert.deepEqual(diagnostics.confusion?.matrix, [
    [1, 1],
    [1, 2],
  ]);
  assert.equal(metrics.accuracy, 0.6);
  assert.equal(metrics.precision, 2 / 3);
  assert.equal(metrics.recall, 2 / 3);
  assert.ok(Math.abs((metrics.mcc ?? 0) - 1 / 6) < 1e-12);
});

test('regression metrics', () => {
  const { metrics } = regressionMetrics(Float64Array.of(1, 2, 3, 4), Float64Array.of(1, 2, 3, 5));
  assert.equal(metrics.rmse, 0.5);
  assert.equal(metrics.mae, 0.25);
  assert.equal(metrics.r2, 1 - 1 / 5);
});
