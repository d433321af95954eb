/**
 * Training params out of range, of the wrong type or unknown are refused by the contract
 * for every caller, with one sentence naming the field and the allowed range, before any
 * job or run exists; values in range still train.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ApiError } from '../../../shared/errors';
import type { AlgorithmId, ParamValue, TrainRequest } from '../../../shared/training';
import { importFiles } from '../../testing/dataset-fixtures';
import { withTempEngine } from '../../testing/temp-engine';
import type { Engine } from '../engine';

const CARS = path.resolve('node_modules/vega-datasets/data/cars.json');

async function refused(engine: Engine, request: TrainRequest, sentence: RegExp): Promise<void> {
  await assert.rejects(engine.call('train.start', request), (error: unknown) => {
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.code, 'BAD_REQUEST', error.message);
    assert.match(error.message, sentence);
    return true;
  });
}

test('train.start refuses params out of range, of the wrong type or unknown, naming the field', async () => {
  await withTempEngine(async (engine) => {
    const cars = await importFiles(engine, [CARS]);
    const base = { version: cars.id, target: 'Miles_per_Gallon', features: ['Horsepower', 'Weight_in_lbs'] };
    const one = (algorithm: AlgorithmId, params: Record<string, ParamValue>): TrainRequest => ({
      ...base,
      algorithms: [{ algorithm, params }],
    });
    const cases: Array<[TrainRequest, RegExp]> = [
      [
        one('gbdt', { n_estimators: 1e9 }),
        /^Invalid request to train\.start \(algorithms\.0\.params\.n_estimators\): must be an integer from 1 to 100000\.$/,
      ],
      [
        one('random_forest', { n_estimators: 0 }),
        /\(algorithms\.0\.params\.n_estimators\): .*from 1 to 100000/,
      ],
      [one('gbdt', { max_leaves: 1e6 }), /\(algorithms\.0\.params\.max_leaves\): .*from 2 to 65536/],
      [one('gbdt', { max_bins: 1000 }), /\(algorithms\.0\.params\.max_bins\): .*from 2 to 255/],
      [one('gbdt', { learning_rate: 0 }), /\(algorithms\.0\.params\.learning_rate\): must be a number from/],
      [one('gbdt', { learning_rate: Infinity }), /params\.learning_rate\)/],
      [one('gbdt', { n_estimators: 2.5 }), /params\.n_estimators\): must be an integer/],
      [one('gbdt', { n_estimators: true }), /params\.n_estimators\): must be an integer/],
      [one('gbdt', { n_estimators: [5] }), /params\.n_estimators\): must be an integer/],
      [
        one('gbdt', { nope: 3 }),
        /params\.nope\): Gradient boosting has no parameter "nope"; its parameters are n_estimators/,
      ],
      [
        one('baseline', { depth: 3 }),
        /params\.depth\): Baseline has no parameter "depth"; it takes no parameters/,
      ],
      [
        one('mlp', { hidden_layers: [1e6, 1e6] }),
        /params\.hidden_layers\): must be a list of 1 to 8 integers from 1 to 4096/,
      ],
      [
        one('mlp', { hidden_layers: [8, 8, 8, 8, 8, 8, 8, 8, 8] }),
        /params\.hidden_layers\): must be a list of 1 to 8/,
      ],
      [one('mlp', { hidden_layers: [] }), /params\.hidden_layers\)/],
      [one('mlp', { hidden_layers: 64 }), /params\.hidden_layers\): must be a list/],
      [one('mlp', { hidden_layers: [4096, 4096, 4096] }), /params\.hidden_layers\): gives 33554432 weights/],
      [one('mlp', { epochs: 1e7 }), /params\.epochs\): must be an integer from 1 to 10000/],
      [one('mlp', { bootstrap: true }), /params\.bootstrap\): Neural network \(MLP\) has no parameter/],
      [one('random_forest', { bootstrap: 1 }), /params\.bootstrap\): must be true or false/],
      [
        one('gbdt', { n_estimators: 100_000, max_leaves: 65_536 }),
        /params\.n_estimators\): with max_leaves 65536/,
      ],
      [one('logistic_regression', { seed: -1 }), /params\.seed\): must be an integer from 0 to 2147483647/],
      [
        { ...one('gbdt', {}), search: { strategy: 'grid', space: { n_estimators: [10, 1e9] } } },
        /\(search\.space\.n_estimators\.1\): must be an integer from 1 to 100000/,
      ],
      [
        { ...one('gbdt', {}), search: { strategy: 'grid', space: { depth: [1] } } },
        /\(search\.space\.depth\.0\): Gradient boosting has no parameter "depth"/,
      ],
    ];
    for (const [request, sentence] of cases) await refused(engine, request, sentence);
    // Nothing was started by any of them.
    assert.deepEqual(await engine.call('runs.list', {}), []);
    // Values at the edges of their ranges are accepted.
    const { jobId } = await engine.call(
      'train.start',
      one('gbdt', { n_estimators: 3, max_leaves: 2, max_bins: 255 }),
    );
    const [run] = (await engine.call('jobs.wait', { jobId })) as Array<{ status: string }>;
    assert.equal(run?.status, 'succeeded');
  });
});
