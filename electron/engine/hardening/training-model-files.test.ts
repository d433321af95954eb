/**
 * Tampered and truncated model files: predicting with one gives a sentence naming the
 * file within a second, and the engine keeps answering. Each case edits a real model
 * written by a real run the way a hand or a broken disk would.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ApiError } from '../../../shared/errors';
import type { AlgorithmId } from '../../../shared/training';
import { importFiles } from '../../testing/dataset-fixtures';
import { withTempEngine } from '../../testing/temp-engine';
import { versionTable } from '../datasets/dataset-store';
import type { Engine } from '../engine';
import { loadTable } from '../training/load-train-data';
import { predict } from '../training/model';
import { loadModelFile } from '../training/model-file';
import { predictInWorker } from '../training/train-in-worker';

const CARS = path.resolve('node_modules/vega-datasets/data/cars.json');

type Json = Record<string, unknown>;
interface Typed {
  $typed: string;
  b64: string;
}

/** The typed array behind an encoded field, as Int32 or Float64 values. */
function readTyped(field: Typed): number[] {
  const bytes = Buffer.from(field.b64, 'base64');
  const view =
    field.$typed === 'Float64Array'
      ? new Float64Array(new Uint8Array(bytes).buffer)
      : new Int32Array(new Uint8Array(bytes).buffer);
  return [...view];
}

function writeTyped(field: Typed, values: number[]): void {
  const arr = field.$typed === 'Float64Array' ? Float64Array.from(values) : Int32Array.from(values);
  field.b64 = Buffer.from(arr.buffer).toString('base64');
}

const treesOf = (m: Json): Json => (((m.body as Json).estimator as Json).ensemble as Json).trees as Json;

async function train(
  engine: Engine,
  version: string,
  algorithm: AlgorithmId,
): Promise<{ id: string; modelPath: string }> {
  const { jobId } = await engine.call('train.start', {
    version,
    target: 'Miles_per_Gallon',
    features: ['Horsepower', 'Weight_in_lbs', 'Origin'],
    algorithms: [{ algorithm, params: algorithm === 'gbdt' ? { n_estimators: 20 } : {} }],
  });
  const [run] = (await engine.call('jobs.wait', { jobId })) as Array<{
    id: string;
    modelPath: string;
    status: string;
  }>;
  assert.equal(run?.status, 'succeeded');
  return run!;
}

test('a damaged model file gives one sentence naming it, fast, and the engine keeps answering', async () => {
  await withTempEngine(async (engine, dir) => {
    const cars = await importFiles(engine, [CARS]);
    const gbdt = await train(engine, cars.id, 'gbdt');
    const linear = await train(engine, cars.id, 'linear_regression');
    const originals = new Map([gbdt, linear].map((r) => [r.modelPath, fs.readFileSync(r.modelPath, 'utf8')]));
    const out = path.join(dir, 'p.csv');
    const predictWith = async (runId: string) => {
      const { jobId } = await engine.call('runs.predict', { runId, version: cars.id, out });
      return engine.call('jobs.wait', { jobId });
    };
    // Untouched, both predict.
    await predictWith(gbdt.id);
    await predictWith(linear.id);

    const cases: Array<[string, { id: string; modelPath: string }, (m: Json) => void, RegExp]> = [
      ['huge tree count', gbdt, (m) => void (treesOf(m).nTrees = 1e10), /tree count 10000000000/],
      ['missing estimator', gbdt, (m) => void delete (m.body as Json).estimator, /has no estimator/],
      [
        'child pointing outside the tree',
        gbdt,
        (m) => {
          const left = treesOf(m).left as Typed;
          const v = readTyped(left);
          v[0] = 1_000_000;
          writeTyped(left, v);
        },
        /node 0 of tree 1 points at node 1000000/,
      ],
      [
        'child pointing backwards (a cycle)',
        gbdt,
        (m) => {
          const right = treesOf(m).right as Typed;
          const v = readTyped(right);
          const first = v.findIndex((c, j) => j > 0 && c >= 0);
          v[first >= 0 ? first : 1] = 0;
          writeTyped(right, v);
        },
        /points at node 0, outside the tree or backwards/,
      ],
      [
        'feature index out of range',
        gbdt,
        (m) => {
          const feature = treesOf(m).feature as Typed;
          const v = readTyped(feature);
          v[0] = 99;
          writeTyped(feature, v);
        },
        /splits on feature 99 of 3/,
      ],
      [
        'wrong array length',
        gbdt,
        (m) => {
          const leaves = treesOf(m).leafValue as Typed;
          writeTyped(leaves, readTyped(leaves).slice(1));
        },
        /leaf values for/,
      ],
      [
        'array bytes cut',
        gbdt,
        (m) => {
          const leaves = treesOf(m).leafValue as Typed;
          leaves.b64 = Buffer.from(leaves.b64, 'base64').subarray(3).toString('base64');
        },
        /\d+ leaf values for \d+ leaves|arrays/,
      ],
      [
        'linear coefficients for other features',
        linear,
        (m) =>
          void (((m.body as Json).estimator as Json).linear = {
            ...(((m.body as Json).estimator as Json).linear as Json),
            d: 7,
          }),
        /linear model is for 7 features/,
      ],
      [
        'pipeline without steps',
        linear,
        (m) => void ((m.body as Json).pipeline = { ...((m.body as Json).pipeline as Json), steps: 5 }),
        /pipeline/,
      ],
      [
        'not an object',
        linear,
        (m) => void Object.keys(m).forEach((k) => delete m[k]),
        /not in the "assay\.model\/1" format/,
      ],
    ];
    for (const [name, run, tamper, why] of cases) {
      const model = JSON.parse(originals.get(run.modelPath)!) as Json;
      tamper(model);
      fs.writeFileSync(run.modelPath, JSON.stringify(model));
      const started = Date.now();
      await assert.rejects(predictWith(run.id), (error: unknown) => {
        assert.ok(error instanceof ApiError, `${name}: ${String(error)}`);
        assert.equal(error.code, 'INVALID_INPUT', `${name}: ${error.message}`);
        assert.match(
          error.message,
          new RegExp(`^The model file artifacts/runs/${run.id}/model\\.json is damaged: `),
          name,
        );
        assert.match(error.message, why, name);
        assert.match(error.message, /\. Retrain the run\.$/, name);
        return true;
      });
      assert.ok(Date.now() - started < 1000, `${name} took ${Date.now() - started} ms`);
      assert.ok((await engine.call('runs.list', {})).length >= 2, `${name}: the engine still answers`);
    }
    // Cut short: not JSON any more.
    fs.writeFileSync(gbdt.modelPath, originals.get(gbdt.modelPath)!.slice(0, 500));
    await assert.rejects(
      predictWith(gbdt.id),
      /model\.json is damaged: it is not complete JSON\. Retrain the run\./,
    );
    fs.rmSync(gbdt.modelPath);
    await assert.rejects(predictWith(gbdt.id), /model\.json is missing/);
  });
});

test('prediction on a worker gives exactly what prediction on the engine thread gives', async () => {
  await withTempEngine(async (engine) => {
    const cars = await importFiles(engine, [CARS]);
    const run = await train(engine, cars.id, 'gbdt');
    const { model, serialized } = loadModelFile(run.modelPath, 'model.json');
    const connection = await engine.workspace.connect();
    try {
      const loaded = await loadTable(connection, versionTable(cars.id), {
        features: model.pipeline.inputs.map((i) => i.name),
        kinds: Object.fromEntries(model.pipeline.inputs.map((i) => [i.name, i.kind])),
      });
      const here = await predict(model, loaded.columns);
      const there = await predictInWorker(serialized, loaded.columns);
      assert.ok(here.task === 'regression' && there.task === 'regression');
      assert.equal(there.values.length, 406);
      assert.deepEqual([...there.values], [...here.values]);
    } finally {
      engine.workspace.release(connection);
    }
  });
});
