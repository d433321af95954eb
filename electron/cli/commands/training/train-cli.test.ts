/** `assay train / predict / runs` as a user runs them: real processes, JSON shapes, exit codes. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAssay, VEGA_DATA } from '../../../testing/run-assay';
import { tempDir } from '../../../testing/temp-engine';

const VEGA = VEGA_DATA;

let root: string;
let w: string[];

const assay = (args: string[]) => runAssay([...w, ...args], { timeoutMs: 120_000 });

before(() => {
  root = tempDir();
  w = ['--workspace', path.join(root, 'ws')];
  assert.equal(assay(['workspace', 'create']).code, 0);
  assert.equal(assay(['import', path.join(VEGA, 'penguins.json')]).code, 0);
  assert.equal(assay(['import', path.join(VEGA, 'cars.json')]).code, 0);
});

after(() => fs.rmSync(root, { recursive: true, force: true }));

describe('assay train', () => {
  it('prints run, algo, task, metrics, fit_seconds and backend as JSON', () => {
    const r = assay([
      '--json',
      'train',
      'penguins@1',
      '--target',
      'Species',
      '--algo',
      'gbdt',
      '--seed',
      '3',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '', 'no progress when stderr is not a terminal');
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['run', 'algo', 'task', 'metrics', 'fit_seconds', 'backend']);
    assert.match(out.run, /^r[0-9a-f]{16}$/);
    assert.equal(out.algo, 'gbdt');
    assert.equal(out.task, 'multiclass');
    assert.ok(out.metrics.accuracy > 0.9);
    for (const key of ['logloss', 'accuracy', 'f1', 'auc', 'balanced_accuracy']) {
      assert.equal(typeof out.metrics[key], 'number', key);
    }
    assert.ok(out.fit_seconds > 0);
    assert.equal(out.backend, null);

    const human = assay([
      'train',
      'penguins',
      '--target',
      'Species',
      '--algo',
      'rf',
      '--param',
      'n_estimators=20',
    ]);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^Trained random forest on penguins@1 → Species \(multiclass, 3 classes\)/);
    assert.match(human.stdout, /logloss [\d.]+ {3}accuracy 0\.9\d*/);
    assert.match(human.stdout, /Predict with: assay predict r[0-9a-f]+ FILE --out predictions\.csv/);
  });

  it('cross-validation prints the mean metrics and each fold', () => {
    const r = assay([
      '--json',
      'train',
      'cars',
      '--target',
      'Miles_per_Gallon',
      '--algo',
      'linear',
      '--split',
      'cv:3',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.algo, 'linear_regression');
    assert.equal(out.task, 'regression');
    assert.equal(out.folds.length, 3);
    assert.deepEqual(Object.keys(out.folds[0]), [
      'fold',
      'metrics',
      'fit_seconds',
      'train_rows',
      'valid_rows',
    ]);
    const mean = out.folds.reduce((a: number, f: { metrics: { rmse: number } }) => a + f.metrics.rmse, 0) / 3;
    assert.ok(Math.abs(mean - out.metrics.rmse) < 1e-9);
    assert.ok(out.metrics.r2 > 0.7);
  });

  it('--algo all trains every algorithm suited to the task and ranks them', () => {
    const args = ['train', 'cars', '--target', 'Miles_per_Gallon', '--algo', 'all'];
    const small = ['--param', 'n_estimators=30', '--param', 'epochs=20', '--param', 'hidden_layers=16'];
    const r = assay(['--json', ...args, ...small]);
    assert.equal(r.code, 0, r.stderr);
    const board = JSON.parse(r.stdout);
    assert.deepEqual(board.map((e: { algo: string }) => e.algo).sort(), [
      'baseline',
      'extra_trees',
      'gbdt',
      'linear_regression',
      'mlp',
      'random_forest',
    ]);
    assert.deepEqual(
      board.map((e: { rank: number }) => e.rank),
      [1, 2, 3, 4, 5, 6],
    );
    const rmse = board.map((e: { metrics: { rmse: number } }) => e.metrics.rmse);
    assert.deepEqual(
      rmse,
      [...rmse].sort((a, b) => a - b),
    );
    assert.equal(board.at(-1).algo, 'baseline');
    assert.equal(typeof board.find((e: { algo: string }) => e.algo === 'mlp').backend, 'string');

    const table = assay([...args, ...small]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /6 algorithms on cars@1 → Miles_per_Gallon \(regression\), ranked by rmse/);
    assert.match(table.stdout, /RANK\s+ALGORITHM\s+RMSE\s+MAE\s+R2\s+FIT\s+RUN/);
    assert.match(table.stdout, /\n\s+6\s+Baseline\s/);
  });

  it('--search grid tries every combination and keeps the best as the run', () => {
    const args = ['train', 'penguins', '--target', 'Species', '--algo', 'gbdt', '--search', 'grid'];
    const space = ['--space', 'n_estimators=10,30', '--space', 'max_depth=2,4'];
    const r = assay(['--json', ...args, ...space, '--seed', '5']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), [
      'run',
      'algo',
      'task',
      'metrics',
      'fit_seconds',
      'backend',
      'search',
    ]);
    assert.equal(out.algo, 'gbdt');
    assert.deepEqual(Object.keys(out.search).sort(), ['metric', 'stoppedBy', 'strategy', 'trials']);
    assert.equal(out.search.strategy, 'grid');
    assert.equal(out.search.metric, 'logloss');
    assert.equal(out.search.stoppedBy, 'exhausted');
    assert.equal(out.search.trials.length, 4);
    const tried = out.search.trials.map(
      (t: { params: { n_estimators: number; max_depth: number } }) =>
        `${t.params.n_estimators}/${t.params.max_depth}`,
    );
    assert.deepEqual(tried.sort(), ['10/2', '10/4', '30/2', '30/4']);
    for (const t of out.search.trials) {
      assert.equal(t.params.seed, 5);
      assert.equal(t.score, t.metrics.logloss);
      assert.equal(typeof t.fitSeconds, 'number');
    }
    const best = Math.min(...out.search.trials.map((t: { score: number }) => t.score));
    assert.ok(Math.abs(out.metrics.logloss - best) < 1e-9, 'the run is the best trial retrained');
    const stored = JSON.parse(assay(['--json', 'runs', out.run]).stdout);
    assert.equal(stored.search.trials.length, 4, 'the run keeps every trial');
    assert.ok(
      out.search.trials.some(
        (t: { score: number; params: { n_estimators: number; max_depth: number } }) =>
          t.score === best &&
          t.params.n_estimators === stored.params.n_estimators &&
          t.params.max_depth === stored.params.max_depth,
      ),
      "the run trained with the best trial's params",
    );

    const human = assay([...args, ...space, '--seed', '5', '--trials', '3']);
    assert.equal(human.code, 0, human.stderr);
    assert.match(
      human.stdout,
      /Grid search: 3 trials, ranked by logloss \(lower is better\); stopped at the --trials limit\./,
    );
    assert.match(human.stdout, /RANK\s+TRIAL\s+N_ESTIMATORS\s+MAX_DEPTH\s+LOGLOSS\s+FIT/);
    const ranks = [...human.stdout.matchAll(/^\s+(\d) +\d +\d+ +\d +([\d.]+) /gm)];
    assert.deepEqual(
      ranks.map((m) => m[1]),
      ['1', '2', '3'],
    );
    const scores = ranks.map((m) => Number(m[2]));
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => a - b),
      'best first',
    );
    assert.match(human.stdout, /Chosen params: n_estimators=\d+ max_depth=\d\n/);
  });

  it('predicts on a file and on a dataset version, and lists runs', () => {
    const trained = JSON.parse(
      assay(['--json', 'train', 'penguins', '--target', 'Species', '--algo', 'linear']).stdout,
    );
    assert.equal(trained.algo, 'logistic_regression');
    const out = path.join(root, 'p.csv');
    const r = assay(['--json', 'predict', trained.run, path.join(VEGA, 'penguins.json'), '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout);
    assert.equal(result.rows, 344);
    assert.equal(result.out, out);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    assert.equal(lines.length, 345);
    assert.match(lines[0]!, /,prediction,proba_Adelie,proba_Chinstrap,proba_Gentoo$/);

    const saved = assay(['--json', 'predict', trained.run, 'penguins@1', '--save-as', 'scored']);
    assert.equal(saved.code, 0, saved.stderr);
    assert.equal(JSON.parse(saved.stdout).dataset, 'scored@1');

    const runs = assay(['--json', 'runs', '--dataset', 'penguins']);
    assert.equal(runs.code, 0, runs.stderr);
    const list = JSON.parse(runs.stdout);
    assert.equal(list[0].run, trained.run, 'newest first');
    assert.equal(list[0].dataset, 'penguins@1');
    assert.equal(list[0].status, 'succeeded');
    const table = assay(['runs']);
    assert.match(table.stdout, /^RUN\s+ALGORITHM\s+DATASET\s+TARGET\s+STATUS\s+METRIC/);
    assert.match(
      table.stdout,
      new RegExp(`${trained.run}\\s+logistic_regression\\s+penguins@1\\s+Species\\s+succeeded\\s+logloss`),
    );
  });

  it('wrong usage exits 2 and failures exit 1, each with one sentence', () => {
    const usage = (args: string[], pattern: RegExp) => {
      const r = assay(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, pattern);
      assert.equal(r.stdout, '');
    };
    usage(['train', 'penguins'], /required option '--target <column>'/);
    usage(
      ['train', 'penguins', '--target', 'Species', '--algo', 'xgboost'],
      /--algo must be gbdt, rf, extratrees, linear, mlp, baseline or all, not "xgboost"/,
    );
    usage(
      ['train', 'penguins', '--target', 'Species', '--split', 'cv:1'],
      /fold count in --split must be a whole number from 2 to 50/,
    );
    usage(['train', 'penguins', '--target', 'Species', '--param', 'n_estimators'], /--param takes KEY=VALUE/);
    usage(
      ['train', 'penguins', '--target', 'Species', '--param', 'trees=3'],
      /Gradient boosting has no parameter "trees"/,
    );
    usage(
      ['train', 'penguins', '--target', 'Species', '--task', 'ranking'],
      /--task must be binary, multiclass, regression/,
    );
    const search = ['train', 'penguins', '--target', 'Species', '--search', 'grid'];
    usage(search, /--search needs at least one --space/);
    usage([...search, '--algo', 'all', '--space', 'max_depth=2'], /--search tunes one algorithm at a time/);
    usage([...search, '--space', 'max_depth=2,deep'], /--space max_depth takes numbers or true\/false/);
    usage([...search, '--space', 'max_depth=2x3'], /--space max_depth takes numbers or true\/false/);
    usage(
      [...search, '--algo', 'mlp', '--space', 'hidden_layers=64x0'],
      /--space hidden_layers takes layer sizes such as 64x32,32/,
    );
    usage([...search, '--space', 'trees=2,3'], /Gradient boosting has no parameter "trees"/);
    usage([...search, '--space', 'max_depth=2', '--trials', '0'], /--trials must be a whole number/);
    usage(
      ['train', 'penguins', '--target', 'Species', '--search', 'bayes', '--space', 'max_depth=2'],
      /--search must be grid or random, not "bayes"/,
    );
    usage(
      ['train', 'penguins', '--target', 'Species', '--space', 'max_depth=2'],
      /--space only applies to a parameter search/,
    );
    usage(['predict', 'r0', 'penguins'], /Say where the predictions go/);

    const missing = assay(['train', 'penguins', '--target', 'species']);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr.trim().split('\n').length, 1);
    assert.match(
      missing.stderr,
      /^assay: penguins@1 has no column "species"; choose the target from its columns/,
    );
    const wrongAlgo = assay([
      'train',
      'cars',
      '--target',
      'Miles_per_Gallon',
      '--task',
      'regression',
      '--algo',
      'logistic_regression',
    ]);
    assert.equal(wrongAlgo.code, 1);
    assert.match(wrongAlgo.stderr, /Logistic regression cannot learn "Miles_per_Gallon"/);
    const noRun = assay(['predict', 'r0000', 'penguins', '--out', path.join(root, 'x.csv')]);
    assert.equal(noRun.code, 1);
    assert.match(noRun.stderr, /There is no run "r0000"/);
  });
});
