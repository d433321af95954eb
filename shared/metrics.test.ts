import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMetric, higherIsBetter, METRIC_LABELS, primaryMetric } from './metrics';

describe('metrics', () => {
  it('ranks losses lower-is-better and scores higher-is-better', () => {
    assert.equal(higherIsBetter('auc'), true);
    assert.equal(higherIsBetter('r2'), true);
    assert.equal(higherIsBetter('logloss'), false);
    assert.equal(higherIsBetter('rmse'), false);
    assert.equal(primaryMetric('multiclass'), 'logloss');
    assert.equal(METRIC_LABELS[primaryMetric('binary')], 'ROC AUC');
  });

  it('prints scores with four decimals and errors with four significant digits', () => {
    assert.equal(formatMetric('auc', 0.81), '0.8100');
    assert.equal(formatMetric('rmse', 0.000123456), '0.0001235');
    assert.equal(formatMetric('logloss', 0.5), '0.5');
    assert.equal(formatMetric('rmse', 12345.678), '12345.7');
    assert.equal(formatMetric('mae', undefined), '—');
    assert.equal(formatMetric('r2', Number.NaN), '—');
  });
});
