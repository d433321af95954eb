/**
 * A useless high-cardinality text column (cars.json's "Name": 311 values in 406 rows)
 * cannot make a tree model worse than the baseline under cross-validation, and a column
 * like it is left out of the default features with its reason, both in a run's warnings
 * and in the target inspection the form reads before training.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import type { AlgorithmId, TrainRequest } from '../../../shared/training';
import { importFiles } from '../../testing/dataset-fixtures';
import { withTempEngine } from '../../testing/temp-engine';
import type { Engine } from '../engine';

const CARS = path.resolve('node_modules/vega-datasets/data/cars.json');
const NUMBERS = ['Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'Year'];

async function r2(engine: Engine, request: TrainRequest): Promise<Record<string, number>> {
  const { jobId } = await engine.call('train.start', request);
  const runs = (await engine.call('jobs.wait', { jobId })) as Array<{
    algorithm: AlgorithmId;
    status: string;
    metrics: { r2?: number };
  }>;
  return Object.fromEntries(
    runs.map((r) => [r.algorithm, r.status === 'succeeded' ? (r.metrics.r2 ?? NaN) : NaN]),
  );
}

test('cars with its Name column: boosting and a forest stay above the baseline and close to without it', async () => {
  await withTempEngine(async (engine) => {
    const cars = await importFiles(engine, [CARS]);
    const common = {
      version: cars.id,
      target: 'Miles_per_Gallon',
      validation: { kind: 'kfold' as const, folds: 5 },
      algorithms: (['gbdt', 'random_forest', 'baseline'] as const).map((algorithm) => ({ algorithm })),
    };
    const withName = await r2(engine, { ...common, features: ['Name', ...NUMBERS, 'Origin'] });
    const without = await r2(engine, { ...common, features: [...NUMBERS, 'Origin'] });
    for (const a of ['gbdt', 'random_forest'] as const) {
      assert.ok(withName[a]! >= withName.baseline!, `${a} with Name: ${withName[a]} below the baseline`);
      assert.ok(withName[a]! > 0.8, `${a} with Name: ${withName[a]}`);
      assert.ok(
        Math.abs(withName[a]! - without[a]!) < 0.03,
        `${a}: ${withName[a]} with Name, ${without[a]} without`,
      );
    }
  });
});

test('the default features leave out ID-like text, and the inspection names it with the reason', async () => {
  await withTempEngine(async (engine) => {
    const cars = await importFiles(engine, [CARS]);
    const info = await engine.call('train.inspect', { version: cars.id, target: 'Miles_per_Gallon' });
    assert.deepEqual(info.excludedFeatures, [
      {
        column: 'Name',
        reason:
          '304 different values in 398 rows, like an ID or free text: a model would memorise rows instead of learning',
      },
    ]);
    const { jobId } = await engine.call('train.start', {
      version: cars.id,
      target: 'Miles_per_Gallon',
      algorithms: [{ algorithm: 'gbdt', params: { n_estimators: 10 } }],
    });
    const [run] = (await engine.call('jobs.wait', { jobId })) as Array<{
      features: string[];
      warnings: string[];
    }>;
    assert.ok(run && !run.features.includes('Name'));
    assert.ok(
      run.warnings.some((w) => w.startsWith('Left out "Name"')),
      JSON.stringify(run.warnings),
    );
  });
});
