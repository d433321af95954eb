import assert from 'node:assert/strict';
import { test } from 'node:test';
import { searchParams } from './search';
import { syntheticBinary } from '../../testing/synthetic';

const data = syntheticBinary({ rows: 1500, numeric: 6, informative: 5, redundant: 1, seed: 21 });

test('grid search tries every combination and ranks by AUC', async () => {
  const r = await searchParams({
    base: { data, algorithm: 'gbdt', params: { n_estimators: 10 } },
    space: { max_leaves: [4, 15], learning_rate: [0.1, 0.3] },
    strategy: 'grid',
  });
  assert.equal(r.trials.length, 4);
  assert.equal(r.metric, 'auc');
  assert.equal(r.best.score, Math.max(...r.trials.map((t) => t.score)));
});

test('random search stops at its trial budget', async () => {
  const r = await searchParams({
    base: { data, algorithm: 'gbdt', params: { n_estimators: 5 } },
    space: { learning_rate: { min: 0.01, max: 0.5, log: true } },
    strategy: 'random',
    maxTrials: 3,
  });
  assert.equal(r.trials.length, 3);
  assert.equal(r.stoppedBy, 'trials');
});
