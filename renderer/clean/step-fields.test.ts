/**
 * The generic step form builds the feature steps from their schemas: column pickers for
 * a, b and target, a column list for by, and rolling's window read as a row count or a
 * time, with the schema's sentence when it is neither.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { featureStepOps } from '../../shared/features/feature-steps';
import { draftValues, fieldsOf, toStep, valuesOf } from './step-fields';
import { operationGroups } from './operations';

const kinds = (op: Parameters<typeof fieldsOf>[0]) =>
  Object.fromEntries(fieldsOf(op).map((f) => [f.name, f.kind]));

describe('feature steps in the step form', () => {
  it('lists every feature operation under Features', () => {
    assert.deepEqual(operationGroups.find((g) => g.id === 'features')?.ops, featureStepOps);
  });

  it('picks columns for a, b, target and by', () => {
    assert.deepEqual(kinds('ratio'), { a: 'column', b: 'column', name: 'text' });
    assert.equal(kinds('target_encode').target, 'column');
    assert.equal(kinds('lag').by, 'columns');
    assert.equal(kinds('rolling').window, 'value');
  });

  it('reads a window as rows or a time, and says what a bad one should be', () => {
    const base = { ...draftValues('rolling', 'sales'), order_by: 'day', name: 'avg' };
    assert.deepEqual(toStep('rolling', { ...base, window: '3' }).step, {
      op: 'rolling',
      column: 'sales',
      order_by: 'day',
      window: 3,
      fn: 'mean',
      name: 'avg',
    });
    const timed = toStep('rolling', { ...base, window: '7 days', by: ['shop'] }).step;
    assert.equal(timed?.op === 'rolling' && timed.window, '7 days');
    assert.deepEqual(valuesOf(timed!).window, '7 days');
    assert.match(toStep('rolling', { ...base, window: 'a week' }).errors.window ?? '', /"7 days"/);
  });
});
