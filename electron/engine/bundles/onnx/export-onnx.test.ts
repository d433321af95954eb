/**
 * ONNX Runtime agrees with the engine: every algorithm × task the engine offers is
 * trained on a small mixed table (missing numbers, a text column with missing values and
 * an "other" bucket), exported, and run by onnxruntime-node on the training rows plus
 * rows with missing numbers, extreme numbers and unseen categories. Probabilities and
 * predictions must equal the engine's within 1e-5. See docs/architecture.md ("Model bundles").
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../../../shared/errors';
import { fitModel } from '../../training/model';
import type { AlgorithmId, Task, TrainParams } from '../../training/types';
import { exportOnnx } from './export-onnx';
import { compareWithOrt, mixedTable, scoringColumns } from './ort-harness';

const TOLERANCE = 1e-5;

const TREE_PARAMS: TrainParams = { n_estimators: 15, max_leaves: 8, max_bins: 6, min_child_samples: 5, seed: 1 };
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
    const agreement = await compareWithOrt(model, scoringColumns(data));
    console.log(`${algorithm} ${task}: max |ORT − engine| = ${agreement.maxAbsDiff.toExponential(2)}`);
    assert.ok(agreement.maxAbsDiff <= TOLERANCE, `max abs difference ${agreement.maxAbsDiff}`);
    assert.ok(agreement.labelsAgree, 'labels differ from the engine’s most probable class');
  });
}

test('a datetime feature is refused at export with a sentence naming the column', async () => {
  const data = mixedTable(120, 'regression');
  data.columns.push({ name: 'when', kind: 'datetime', values: data.columns[0].kind === 'categorical' ? new Float64Array(0) : data.columns[0].values.map((_, i) => Date.UTC(2020, i % 12, 1 + (i % 28), i % 24)) });
  const { model } = await fitModel('linear_regression', data, {});
  assert.throws(
    () => exportOnnx(model),
    (e: unknown) => e instanceof ApiError && e.code === 'UNSUPPORTED' && /"when"/.test(e.message),
  );
});
