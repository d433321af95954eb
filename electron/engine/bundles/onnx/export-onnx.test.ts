/**
 * ONNX Runtime agrees with the engine: every algorithm × task the engine offers is
 * trained on a small mixed table (missing numbers, a text column with missing values and
 * an "other" bucket), exported, and run by onnxruntime-node on the training rows plus
 * rows with missing numbers, extreme numbers and unseen categories. Probabilities and
 * predictions must equal the engine's within 1e-5 (predictions relative to their size
 * beyond 1: the MLP is a float32 network, so an output of 3e6 for an input of 1e6 is only
 * known to float32's precision in the engine too). See docs/architecture.md ("Inside the training capability").
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../../../shared/errors';
import { fitModel } from '../../training/model';
import type { AlgorithmId, Task, TrainParams } from '../../training/types';
import { exportOnnx } from './export-onnx';
import { compareWithOrt, mixedTable, scoringColumns } from './ort-harness';

const TOLERANCE = 1e-5;

const TREE_PARAMS: TrainParams = {
  n_estimators: 15,
  max_leaves: 8,
  max_bins: 6,
  min_child_samples: 5,
  seed: 1,
};
const PARAMS: Record<AlgorithmId, TrainParams> = {
  gbdt: TREE_PARAMS,
  random_forest: TREE_PARAMS,
  extra_trees: TREE_PARAMS,
  logistic_regression: { max_onehot: 4 },
  linear_regression: { max_onehot: 4 },
  mlp: { hidden_layers: [8, 4], epochs: 4, batch_size: 64, max_onehot: 4, seed: 2 },
  baseline: {},
};

const CASES: Array<[AlgorithmId, Task]> = [
  ['gbdt', 'binary'],
  ['gbdt', 'multiclass'],
  ['gbdt', 'regression'],
  ['random_forest', 'binary'],
  ['random_forest', 'multiclass'],
  ['random_forest', 'regression'],
  ['extra_trees', 'binary'],
  ['extra_trees', 'multiclass'],
  ['extra_trees', 'regression'],
  ['logistic_regression', 'binary'],
  ['logistic_regression', 'multiclass'],
  ['linear_regression', 'regression'],
  ['mlp', 'binary'],
  ['mlp', 'multiclass'],
  ['mlp', 'regression'],
  ['baseline', 'binary'],
  ['baseline', 'multiclass'],
  ['baseline', 'regression'],
];

for (const [algorithm, task] of CASES) {
  test(`ONNX Runtime equals the engine: ${algorithm} ${task}`, async () => {
    const data = mixedTable(400, task);
    const { model } = await fitModel(algorithm, data, PARAMS[algorithm]);
    if (model.estimator.kind === 'trees') {
      // The comparison only means something if categorical splits and learned NaN directions occur.
      const flags = Array.from(model.estimator.ensemble.trees.flags);
      assert.ok(
        flags.some((f) => f & 2),
        'no categorical split in the ensemble',
      );
      assert.ok(
        flags.some((f) => (f & 2) === 0 && f & 1),
        'no numeric split sending NaN left',
      );
    }
    const agreement = await compareWithOrt(model, scoringColumns(data));
    const { maxAbsDiff, maxScaledDiff } = agreement;
    console.log(
      `${algorithm} ${task}: max |ORT − engine| = ${maxAbsDiff.toExponential(2)} (scaled ${maxScaledDiff.toExponential(2)})`,
    );
    const measured = task === 'regression' ? maxScaledDiff : maxAbsDiff;
    assert.ok(measured <= TOLERANCE, `max difference ${measured}`);
    assert.ok(agreement.labelsAgree, 'labels differ from the engine’s most probable class');
  });
}

test('a datetime feature is refused at export with a sentence naming the column', async () => {
  const data = mixedTable(120, 'regression');
  const when = Float64Array.from({ length: 120 }, (_, i) => Date.UTC(2020, i % 12, 1 + (i % 28), i % 24));
  data.columns.push({ name: 'when', kind: 'datetime', values: when });
  const { model } = await fitModel('linear_regression', data, {});
  assert.throws(
    () => exportOnnx(model),
    (e: unknown) => e instanceof ApiError && e.code === 'UNSUPPORTED' && /"when"/.test(e.message),
  );
});

test('a column named as an ONNX output is refused at export', async () => {
  const data = mixedTable(120, 'binary');
  data.columns[0] = { ...data.columns[0], name: 'label' } as (typeof data.columns)[number];
  const { model } = await fitModel('baseline', data, {});
  assert.throws(
    () => exportOnnx(model),
    (e: unknown) => e instanceof ApiError && /"label"/.test(e.message),
  );
});
