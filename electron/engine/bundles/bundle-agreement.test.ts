/**
 * Every algorithm, through the whole path a user takes: trained by the engine on a CSV with
 * missing numbers and text, exported as a bundle, and run by ONNX Runtime from the bundle
 * folder (`bundles.predict`) — whose probabilities or predictions must equal the engine's own
 * (`runs.predict`) within 1e-5 and whose labels must be the same. The graph-level check of every
 * algorithm × task, with unseen categories and extreme values, is onnx/export-onnx.test.ts.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runJob } from '../../../shared/run-job';
import type { AlgorithmId } from '../../../shared/training';
import { assertSamePredictions, writeSyntheticCsv } from '../../testing/bundle-fixtures';
import { importFiles } from '../../testing/dataset-fixtures';
import { tempDir } from '../../testing/temp-engine';
import { Engine } from '../engine';

let dir: string;
let engine: Engine;
let csv: string;
let versionId: string;

before(async () => {
  dir = tempDir('assay-bundle-agreement-');
  csv = path.join(dir, 'churn.csv');
  writeSyntheticCsv(csv);
  engine = await Engine.create({ workspaceDir: path.join(dir, 'ws'), mode: 'browser' });
  versionId = (await importFiles(engine, [csv])).id;
});

after(async () => {
  await engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const CASES: Array<[string, AlgorithmId[]]> = [
  ['churn', ['gbdt', 'random_forest', 'extra_trees', 'logistic_regression', 'mlp', 'baseline']],
  ['x1', ['gbdt', 'random_forest', 'extra_trees', 'linear_regression', 'mlp', 'baseline']],
];

for (const [target, algorithms] of CASES) {
  test(`ONNX Runtime on each bundle equals the engine within 1e-5 (target ${target})`, async () => {
    const runs = await runJob(engine.client, 'train.start', {
      version: versionId,
      target,
      algorithms: algorithms.map((algorithm) => ({ algorithm })),
    });
    assert.deepEqual(runs.map((r) => r.algorithm).sort(), [...algorithms].sort());
    for (const run of runs) {
      const bundle = await runJob(engine.client, 'bundles.export', {
        runId: run.id,
        name: `${target}-${run.algorithm}`.replace(/_/g, '-'),
      });
      const fromRun = path.join(dir, `${run.id}-run.csv`);
      const fromBundle = path.join(dir, `${run.id}-bundle.csv`);
      await runJob(engine.client, 'runs.predict', { runId: run.id, path: csv, out: fromRun });
      await runJob(engine.client, 'bundles.predict', { bundle: bundle.folder, path: csv, out: fromBundle });
      assertSamePredictions(fromRun, fromBundle);
    }
  });
}
