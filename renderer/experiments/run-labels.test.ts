/** Readable names for algorithms and splits, and the `assay train` command of a run. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunDetail } from '../../shared/training';
import { algorithmLabel, validationLabel } from './run-labels';
import { shellQuote, trainCommand } from './train-command';

describe('run labels', () => {
  it('names algorithms and splits as people read them', () => {
    assert.equal(algorithmLabel('gbdt'), 'Gradient boosting');
    assert.equal(algorithmLabel('logistic_regression'), 'Logistic regression');
    assert.equal(validationLabel({ kind: 'kfold', folds: 5 }), '5-fold CV');
    assert.equal(validationLabel({ kind: 'kfold', folds: 10, stratified: true }), '10-fold CV, stratified');
    assert.equal(validationLabel({ kind: 'holdout', fraction: 0.2 }), 'Holdout 20%');
    assert.equal(
      validationLabel({ kind: 'holdout', fraction: 0.25, strategy: 'stratified' }),
      'Holdout 25%, stratified',
    );
    assert.equal(
      validationLabel({ kind: 'holdout', fraction: 0.1, strategy: 'time', column: 'date' }),
      'Holdout 10%, the latest by date',
    );
    assert.match(validationLabel({ kind: 'none' }), /^No validation/);
  });
});

describe('train command', () => {
  const run = {
    versionLabel: 'churn data@3',
    target: 'churned',
    task: 'binary',
    algorithm: 'gbdt',
    params: { n_estimators: 400, learning_rate: 0.03, hidden: [64, 32], balanced: true },
    validation: { kind: 'kfold', folds: 5, stratified: true },
    seed: 7,
    features: ['x1', 'x2', "it's"],
    experiment: 'churn → churned',
  } as unknown as RunDetail;

  it('builds the command that trains the run again, quoted for a shell', () => {
    assert.equal(
      trainCommand(run),
      "assay train 'churn data@3' --target churned --task binary --algo gbdt" +
        ' --param n_estimators=400 --param learning_rate=0.03 --param hidden=64,32 --param balanced=true' +
        " --split cv:5 --seed 7 --features 'x1,x2,it'\\''s' --experiment 'churn → churned'",
    );
  });

  it('writes holdout, time and group splits as the CLI reads them', () => {
    const split = (validation: RunDetail['validation']) =>
      trainCommand({ ...run, validation }).match(/--split (\S+)/)?.[1];
    assert.equal(split({ kind: 'holdout', fraction: 0.2, strategy: 'stratified' }), 'holdout:0.2');
    assert.equal(split({ kind: 'holdout', fraction: 0.3, strategy: 'time', column: 'day' }), 'time:day:0.3');
    assert.equal(split({ kind: 'none' }), 'none');
    assert.equal(shellQuote(''), "''");
  });
});
