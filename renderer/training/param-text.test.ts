/** Param fields read against the catalogue's ranges: typos are errors, not defaults. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { algorithmInfo } from '../../shared/training-limits';
import { readParam } from './param-text';

const spec = (algorithm: 'gbdt' | 'mlp', name: string) => {
  const found = algorithmInfo(algorithm).params.find((p) => p.name === name);
  assert.ok(found, name);
  return found;
};

describe('param text', () => {
  it('refuses text that is not a number, naming the field and its range', () => {
    const result = readParam(spec('gbdt', 'n_estimators'), 'abc');
    assert.match(result.error ?? '', /^n_estimators must be an integer from 1 to/);
  });

  it('refuses values out of range and fractions for integers', () => {
    assert.ok(readParam(spec('gbdt', 'n_estimators'), '0').error);
    assert.ok(readParam(spec('gbdt', 'n_estimators'), '1e9').error);
    assert.ok(readParam(spec('gbdt', 'n_estimators'), '2.5').error);
    assert.ok(readParam(spec('mlp', 'hidden_layers'), '64,x').error);
  });

  it('reads valid values, and an empty field as the default', () => {
    assert.deepEqual(readParam(spec('gbdt', 'n_estimators'), ' 400 '), { value: 400 });
    assert.deepEqual(readParam(spec('gbdt', 'learning_rate'), '0.03'), { value: 0.03 });
    assert.deepEqual(readParam(spec('mlp', 'hidden_layers'), '64,32'), { value: [64, 32] });
    assert.deepEqual(readParam(spec('gbdt', 'n_estimators'), ''), { value: undefined });
  });
});
