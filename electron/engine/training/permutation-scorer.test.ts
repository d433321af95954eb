import assert from 'node:assert/strict';
import { test } from 'node:test';
import { categorical, syntheticBinary } from '../../testing/synthetic';
import { Rng } from './learners/random';
import { fitModel, permutationScorer, predict } from './model';
import { takeAll } from './rows';
import type { AlgorithmId, Column, Prediction } from './types';

const data = syntheticBinary({ rows: 600, numeric: 6, informative: 4, redundant: 1, seed: 9 });
const rng = new Rng(3);
const colour = categorical(
  'colour',
  Array.from({ length: 600 }, () =>
    rng.next() < 0.1 ? null : ['red', 'green', 'blue'][Math.floor(rng.next() * 3)]!,
  ),
);
const columns: Column[] = [...data.columns, colour];

function close(a: Prediction, b: Prediction): number {
  const x = a.task === 'regression' ? a.values : a.proba;
  const y = b.task === 'regression' ? b.values : b.proba;
  assert.equal(x.length, y.length);
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i]! - y[i]!));
  return worst;
}

for (const algorithm of ['gbdt', 'random_forest', 'logistic_regression'] as AlgorithmId[]) {
  test(`${algorithm}: predictions with a permuted column equal predicting the permuted table`, async () => {
    const y = (data.target as { values: Float64Array }).values;
    const { model } = await fitModel(
      algorithm,
      { columns, y, task: 'binary', classes: ['0', '1'], target: 'y' },
      { n_estimators: 30 },
    );
    const scorer = await permutationScorer(model, columns);
    assert.equal(close(scorer.base, await predict(model, columns)), 0);
    const perm = Uint32Array.from({ length: 600 }, (_, i) => i);
    new Rng(1).shuffle(perm);
    let moved = 0;
    for (const c of columns) {
      const full = await predict(
        model,
        columns.map((k) => (k === c ? takeAll([k], perm)[0]! : k)),
      );
      assert.ok(close(await scorer.permuted(c.name, perm), full) < 1e-12, c.name);
      moved = Math.max(moved, close(full, scorer.base));
    }
    assert.ok(moved > 0.01, 'some permutation changed the predictions');
  });
}
