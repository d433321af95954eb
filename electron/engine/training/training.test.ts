/**
 * Training end to end on real files through a real engine: vega-datasets imported by the
 * datasets service, every algorithm trained in worker threads, runs stored and reloaded,
 * models saved and predicting the same again, cancel, and the sentences people see.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DatasetVersion } from '../../../shared/datasets';
import type { Events } from '../../../shared/events';
import type { AlgorithmId, ParamValue, RunDetail } from '../../../shared/training';
import type { Engine } from '../engine';
import { importFiles } from '../../testing/dataset-fixtures';
import { tempDir } from '../../testing/temp-engine';
import { Engine as EngineClass } from '../engine';
import { versionTable } from '../datasets/dataset-store';
import { loadTable } from './load-train-data';
import { deserializeModel, predict } from './model';

const VEGA = path.resolve('node_modules/vega-datasets/data');

/** Small settings so every algorithm trains in well under a second on these tables. */
const SMALL: Record<AlgorithmId, Record<string, ParamValue>> = {
  gbdt: { n_estimators: 60 },
  random_forest: { n_estimators: 25 },
  extra_trees: { n_estimators: 25 },
  logistic_regression: {},
  linear_regression: {},
  mlp: { hidden_layers: [32], epochs: 40, batch_size: 32, learning_rate: 0.01 },
  baseline: {},
};

let engine: Engine;
let dir: string;
let penguins: DatasetVersion;
let weather: DatasetVersion;
let cars: DatasetVersion;

before(async () => {
  dir = tempDir();
  engine = await EngineClass.create({ workspaceDir: path.join(dir, 'ws'), mode: 'browser' });
  penguins = await importFiles(engine, [path.join(VEGA, 'penguins.json')]);
  weather = await importFiles(engine, [path.join(VEGA, 'seattle-weather.csv')]);
  cars = await importFiles(engine, [path.join(VEGA, 'cars.json')]);
});

after(async () => {
  await engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function train(
  version: DatasetVersion,
  target: string,
  algorithms: AlgorithmId[],
  extra: Partial<Parameters<Engine['training']['start']>[0]> = {},
): Promise<RunDetail[]> {
  const started = await engine.training.start({
    version: version.id,
    target,
    algorithms: algorithms.map((algorithm) => ({ algorithm, params: SMALL[algorithm] })),
    ...extra,
  });
  return started.outcome;
}

const byAlgorithm = (runs: RunDetail[], a: AlgorithmId): RunDetail => {
  const run = runs.find((r) => r.algorithm === a);
  assert.ok(run, `no ${a} run`);
  assert.equal(run.status, 'succeeded', `${a}: ${run.error}`);
  return run;
};

describe('training on vega-datasets', () => {
  test('penguins (multiclass): every algorithm trains, is stored, and reloads', async () => {
    const info = await engine.call('train.inspect', { version: penguins.id, target: 'Species' });
    assert.equal(info.task, 'multiclass');
    assert.deepEqual(info.classes, ['Adelie', 'Chinstrap', 'Gentoo']);
    assert.equal(info.rows, 344);

    const progress: Array<Events['run.progress']> = [];
    const changed: string[] = [];
    const offProgress = engine.events.on('run.progress', (p) => progress.push(p));
    const offChanged = engine.events.on('runs.changed', (p) => changed.push(p.runId));
    const algorithms: AlgorithmId[] = [
      'gbdt',
      'random_forest',
      'extra_trees',
      'logistic_regression',
      'mlp',
      'baseline',
    ];
    const runs = await train(penguins, 'Species', algorithms, { seed: 7 });
    offProgress();
    offChanged();
    assert.deepEqual(
      runs.map((r) => r.algorithm),
      algorithms,
    );
    const accuracy = (a: AlgorithmId) => byAlgorithm(runs, a).metrics.accuracy ?? 0;
    assert.ok(accuracy('gbdt') > 0.9, `gbdt accuracy ${accuracy('gbdt')}`);
    assert.ok(accuracy('random_forest') > 0.9, `rf accuracy ${accuracy('random_forest')}`);
    assert.ok(accuracy('extra_trees') > 0.9, `extra trees accuracy ${accuracy('extra_trees')}`);
    assert.ok(accuracy('logistic_regression') > 0.9, `logistic accuracy ${accuracy('logistic_regression')}`);
    assert.ok(accuracy('mlp') > 0.85, `mlp accuracy ${accuracy('mlp')}`);
    assert.ok(accuracy('baseline') < 0.5, `baseline accuracy ${accuracy('baseline')}`);
    assert.ok(byAlgorithm(runs, 'mlp').backend, 'the MLP records its tfjs backend');

    // Live progress for each run, and a runs.changed at its start and its end.
    for (const r of runs) {
      assert.ok(
        progress.some((p) => p.runId === r.id),
        `progress for ${r.algorithm}`,
      );
      assert.ok(changed.filter((id) => id === r.id).length >= 2);
    }
    assert.ok(progress.some((p) => p.runId === runs[0]!.id && p.iteration === 60 && p.total === 60));

    // The stored record: everything the run needs to be judged and reproduced.
    const gbdt = await engine.call('runs.get', { runId: byAlgorithm(runs, 'gbdt').id });
    assert.equal(gbdt.versionLabel, 'penguins@1');
    assert.equal(gbdt.task, 'multiclass');
    assert.equal(gbdt.primaryMetric, 'logloss');
    assert.equal(gbdt.higherIsBetter, false);
    assert.equal(gbdt.seed, 7);
    assert.equal(gbdt.params.n_estimators, 60);
    assert.equal(gbdt.params.learning_rate, 0.1);
    assert.deepEqual(gbdt.classes, ['Adelie', 'Chinstrap', 'Gentoo']);
    assert.equal(gbdt.history.trainLoss.length, 60);
    assert.ok(gbdt.diagnostics.confusion);
    assert.ok(gbdt.importance.gain && gbdt.importance.permutation);
    assert.deepEqual(gbdt.features, [
      'Island',
      'Beak Length (mm)',
      'Beak Depth (mm)',
      'Flipper Length (mm)',
      'Body Mass (g)',
      'Sex',
    ]);
    assert.deepEqual(gbdt.validation, { kind: 'holdout', fraction: 0.2 });
    assert.equal((gbdt.trainRows ?? 0) + (gbdt.validRows ?? 0), 344);
    assert.equal(gbdt.environment.node, process.version);
    assert.equal(typeof gbdt.environment.assay, 'string');
    assert.ok(gbdt.modelPath && fs.existsSync(gbdt.modelPath));
    assert.equal(
      path.relative(path.join(dir, 'ws'), gbdt.modelPath),
      path.join('artifacts', 'runs', gbdt.id, 'model.json'),
    );
    assert.ok(gbdt.fitSeconds !== undefined && gbdt.fitSeconds > 0);

    const listed = await engine.call('runs.list', { dataset: 'PENGUINS' });
    assert.equal(listed.length, 6);
    assert.ok(listed.every((r) => r.experiment === 'penguins → Species' && r.status === 'succeeded'));
    assert.deepEqual(await engine.call('runs.list', { experiment: 'nothing' }), []);

    // The saved model predicts exactly what the run's model does, through runs.predict.
    const out = path.join(dir, 'penguins-predictions.parquet');
    const { jobId, outcome } = await engine.training.predict({
      runId: gbdt.id,
      version: 'penguins@1',
      out,
      saveAs: 'penguin predictions',
    });
    assert.equal(typeof jobId, 'string');
    const predicted = await outcome;
    assert.equal(predicted.rows, 344);
    assert.deepEqual(predicted.columns, ['prediction', 'proba_Adelie', 'proba_Chinstrap', 'proba_Gentoo']);
    assert.equal(predicted.dataset, 'penguin predictions@1');

    const model = deserializeModel(JSON.parse(fs.readFileSync(gbdt.modelPath, 'utf8')));
    const connection = await engine.workspace.connect();
    let expected: Float64Array;
    try {
      const loaded = await loadTable(connection, versionTable(penguins.id), { features: gbdt.features });
      const p = await predict(model, loaded.columns);
      assert.ok(p.task === 'multiclass');
      expected = p.proba;
    } finally {
      engine.workspace.release(connection);
    }
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const rows = (
      await c.runAndReadAll(
        `SELECT Species, prediction, proba_Adelie, proba_Chinstrap, proba_Gentoo FROM read_parquet('${out}')`,
      )
    ).getRowsJS();
    c.closeSync();
    db.closeSync();
    assert.equal(rows.length, 344);
    let correct = 0;
    rows.forEach((row, i) => {
      for (let k = 0; k < 3; k++) assert.equal(row[2 + k], expected[i * 3 + k]);
      if (row[0] === row[1]) correct++;
    });
    assert.ok(correct / 344 > 0.95, `in-sample accuracy ${correct / 344}`);
    const saved = await engine.call('datasets.version', { version: 'penguin predictions' });
    assert.equal(saved.rows, 344);
    assert.deepEqual(
      saved.columns.slice(-4).map((col) => col.name),
      ['prediction', 'proba_Adelie', 'proba_Chinstrap', 'proba_Gentoo'],
    );
    assert.equal(saved.lineage.kind, 'sql');

    // Deleting a run removes its row and its files.
    const baseline = byAlgorithm(runs, 'baseline');
    assert.deepEqual(await engine.call('runs.delete', { runId: baseline.id }), { deleted: true });
    assert.ok(!fs.existsSync(path.dirname(baseline.modelPath as string)));
    assert.deepEqual(await engine.call('runs.delete', { runId: baseline.id }), { deleted: false });
    await assert.rejects(engine.call('runs.get', { runId: baseline.id }), /no run/);
  });

  test('seattle-weather (multiclass): every algorithm beats or matches the baseline sensibly', async () => {
    const runs = await train(weather, 'weather', [
      'gbdt',
      'random_forest',
      'extra_trees',
      'logistic_regression',
      'mlp',
      'baseline',
    ]);
    const base = byAlgorithm(runs, 'baseline').metrics.accuracy ?? 1;
    assert.ok(base > 0.3 && base < 0.5, `baseline accuracy ${base}`);
    for (const a of ['gbdt', 'random_forest', 'extra_trees', 'logistic_regression', 'mlp'] as const) {
      const acc = byAlgorithm(runs, a).metrics.accuracy ?? 0;
      assert.ok(acc > base + 0.2, `${a} accuracy ${acc} vs baseline ${base}`);
    }
    assert.ok((byAlgorithm(runs, 'gbdt').metrics.accuracy ?? 0) > 0.75);
  });

  test('cars (regression): missing targets are dropped and reported; cross-validation keeps folds', async () => {
    const info = await engine.call('train.inspect', { version: cars.id, target: 'Miles_per_Gallon' });
    assert.equal(info.task, 'regression');
    assert.equal(info.rows, 398);
    assert.match(info.warnings.join(' '), /8 of 406 rows \(2%\) have no value in "Miles_per_Gallon"/);

    const runs = await train(cars, 'Miles_per_Gallon', [
      'gbdt',
      'random_forest',
      'extra_trees',
      'linear_regression',
      'mlp',
      'baseline',
    ]);
    const r2 = (a: AlgorithmId) => byAlgorithm(runs, a).metrics.r2 ?? -1;
    assert.ok(r2('gbdt') > 0.75, `gbdt r2 ${r2('gbdt')}`);
    assert.ok(r2('random_forest') > 0.75, `rf r2 ${r2('random_forest')}`);
    assert.ok(r2('extra_trees') > 0.75, `extra trees r2 ${r2('extra_trees')}`);
    assert.ok(r2('linear_regression') > 0.7, `linear r2 ${r2('linear_regression')}`);
    assert.ok(r2('mlp') > 0.5, `mlp r2 ${r2('mlp')}`);
    assert.ok(r2('baseline') < 0.05, `baseline r2 ${r2('baseline')}`);
    const gbdt = byAlgorithm(runs, 'gbdt');
    assert.match(gbdt.warnings?.join(' ') ?? '', /8 of 406 rows have no value in "Miles_per_Gallon"/);
    // "Name" (a car per row) would only let trees memorise rows: left out by default, with why.
    assert.ok(!gbdt.features.includes('Name'));
    assert.match(
      gbdt.warnings?.join(' ') ?? '',
      /Left out "Name" \(\d+ different values\): text with nearly a value per row/,
    );
    assert.ok((gbdt.metrics.rmse ?? 99) < 5, `gbdt rmse ${gbdt.metrics.rmse}`);

    const [cv] = await train(cars, 'Miles_per_Gallon', ['linear_regression'], {
      validation: { kind: 'kfold', folds: 3 },
      experiment: 'cars cv',
    });
    assert.equal(cv!.status, 'succeeded');
    assert.equal(cv!.folds?.length, 3);
    assert.ok(cv!.metricsStd?.rmse !== undefined);
    const mean = cv!.folds!.reduce((a, f) => a + (f.metrics.rmse ?? 0), 0) / 3;
    assert.ok(Math.abs(mean - (cv!.metrics.rmse ?? 0)) < 1e-9);
  });

  test('a time-ordered holdout validates on the latest rows', async () => {
    const [run] = await train(weather, 'weather', ['gbdt'], {
      validation: { kind: 'holdout', strategy: 'time', column: 'date', fraction: 0.25 },
    });
    assert.equal(run!.status, 'succeeded', run!.error);
    assert.equal(run!.validRows, 365);
    assert.deepEqual(run!.validation, { kind: 'holdout', strategy: 'time', column: 'date', fraction: 0.25 });
  });

  test('a parameter search stores the best trial as the run, with every trial', async () => {
    const [run] = await engine.training
      .start({
        version: penguins.id,
        target: 'Species',
        algorithms: [{ algorithm: 'gbdt', params: { n_estimators: 20 } }],
        search: { strategy: 'grid', space: { max_leaves: [4, 15], learning_rate: [0.05, 0.2] } },
      })
      .then((s) => s.outcome);
    assert.equal(run!.status, 'succeeded');
    assert.equal(run!.search?.trials.length, 4);
    assert.equal(run!.search?.metric, 'logloss');
    const best = Math.min(...run!.search!.trials.map((t) => t.score));
    const bestTrial = run!.search!.trials.find((t) => t.score === best)!;
    assert.equal(run!.params.max_leaves, bestTrial.params.max_leaves);
    assert.equal(run!.params.learning_rate, bestTrial.params.learning_rate);
  });
});

describe('training failures people see', () => {
  test('cancel leaves the run cancelled and no model file', async () => {
    const started = await engine.training.start({
      version: weather.id,
      target: 'weather',
      algorithms: [{ algorithm: 'gbdt', params: { n_estimators: 100_000, learning_rate: 0.001 } }],
    });
    const off = engine.events.on('run.progress', (p) => {
      if (p.iteration > 0) engine.jobs.cancel(started.jobId);
    });
    await assert.rejects(started.outcome, /cancelled/);
    off();
    const run = await engine.call('runs.get', { runId: started.runIds[0]! });
    assert.equal(run.status, 'cancelled');
    assert.equal(run.modelPath, undefined);
    assert.ok(!fs.existsSync(path.join(dir, 'ws', 'artifacts', 'runs', run.id)));
    const job = engine.jobs.list().find((j) => j.jobId === started.jobId);
    assert.equal(job?.state, 'cancelled');
  });

  test('a one-class target is refused with the clear sentence, and inspect warns about it', async () => {
    const { outcome } = engine.datasets.startSqlSave(
      `SELECT *, 'yes' AS constant FROM "penguins@1"`,
      'penguins constant',
    );
    const version = await outcome;
    const info = await engine.call('train.inspect', { version: version.id, target: 'constant' });
    assert.match(info.warnings.join(' '), /only one value \(yes\), so there is nothing to learn/);
    const before = (await engine.call('runs.list', {})).length;
    await assert.rejects(
      engine.call('train.start', {
        version: version.id,
        target: 'constant',
        algorithms: [{ algorithm: 'gbdt' }],
      }),
      /The target column "constant" has only one value \(yes\), so there is nothing to learn/,
    );
    assert.equal((await engine.call('runs.list', {})).length, before, 'no run was created');
  });

  test('requests that cannot work are refused in one sentence before any run starts', async () => {
    const start = (extra: object) =>
      engine.call('train.start', {
        version: cars.id,
        target: 'Miles_per_Gallon',
        algorithms: [{ algorithm: 'gbdt' }],
        ...extra,
      });
    await assert.rejects(start({ target: 'mpg' }), /cars@1 has no column "mpg"/);
    await assert.rejects(
      start({ algorithms: [{ algorithm: 'logistic_regression' }] }),
      /Logistic regression cannot learn "Miles_per_Gallon", a regression target .* use linear regression/,
    );
    await assert.rejects(
      start({ algorithms: [{ algorithm: 'gbdt', params: { n_trees: 3 } }] }),
      /Gradient boosting has no parameter "n_trees"; its parameters are n_estimators/,
    );
    await assert.rejects(
      start({
        features: ['Horsepower', 'Weight_in_lbs'],
        validation: { kind: 'holdout', strategy: 'group', column: 'Origin' },
      }),
      /The group column "Origin" must also be a feature/,
    );
    await assert.rejects(
      start({ algorithms: [{ algorithm: 'gbdt', params: { learning_rate: 5 } }] }),
      /\(algorithms\.0\.params\.learning_rate\): must be a number from 0\.0001 to 1\./,
    );
  });

  test('predicting on a file without a model input names the missing columns; nothing is kept', async () => {
    const [run] = await train(penguins, 'Species', ['logistic_regression']);
    const file = path.join(dir, 'few-penguins.csv');
    fs.writeFileSync(
      file,
      'Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Body Mass (g)\n39.1,18.7,181,3750\n46.5,17.9,192,3500\n',
    );
    const datasets = await engine.call('datasets.list', {});
    const { outcome } = await engine.training.predict({
      runId: run!.id,
      path: file,
      out: path.join(dir, 'few.csv'),
    });
    await assert.rejects(
      outcome,
      /The data to predict on has no columns "Island", "Sex", which the model of run r[0-9a-f]+ was trained on/,
    );
    assert.ok(!fs.existsSync(path.join(dir, 'few.csv')));

    // With every column present, a file predicts without becoming a dataset.
    fs.writeFileSync(
      file,
      'Island,Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Body Mass (g),Sex\nTorgersen,39.1,18.7,181,3750,MALE\nBiscoe,46.5,14.3,215,4850,FEMALE\n',
    );
    const ok = await (
      await engine.training.predict({ runId: run!.id, path: file, out: path.join(dir, 'few.csv') })
    ).outcome;
    assert.equal(ok.rows, 2);
    const text = fs.readFileSync(path.join(dir, 'few.csv'), 'utf8').trim().split('\n');
    assert.equal(
      text[0],
      'Island,Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Body Mass (g),Sex,prediction,proba_Adelie,proba_Chinstrap,proba_Gentoo',
    );
    assert.match(text[1]!, /^Torgersen,.*,Adelie,/);
    assert.match(text[2]!, /^Biscoe,.*,Gentoo,/);
    assert.deepEqual(await engine.call('datasets.list', {}), datasets);
  });
});
