import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitModel, type FitData } from '../../model';
import { transform } from '../../preprocess/pipeline';
import { Rng } from '../random';
import type { AlgorithmId, Column, Task } from '../../types';
import { compileTrees } from './compiled-trees';
import { PredictThread, THREAD_MIN_ROWS } from './predict-threads';
import { availableParallelism } from 'node:os';
import {
  compileForPrediction,
  ensembleScores,
  ensembleScoresReference,
  type TreeEnsemble,
} from './tree-ensemble';

function columns(rng: Rng, n: number): Column[] {
  const cols: Column[] = [];
  for (let f = 0; f < 5; f++) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      // A few repeated values (exact threshold hits), NaNs and a heavy tail.
      values[i] = u < 0.1 ? NaN : u < 0.2 ? Math.round(rng.next() * 4) : (rng.next() - 0.5) * (f + 1) * 10;
    }
    cols.push({ name: `x${f}`, kind: 'numeric', values });
  }
  for (let f = 0; f < 2; f++) {
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = rng.next() < 0.08 ? -1 : Math.floor(rng.next() * (5 + 10 * f));
    cols.push({
      name: `c${f}`,
      kind: 'categorical',
      codes,
      dictionary: Array.from({ length: 5 + 10 * f }, (_, k) => `k${k}`),
    });
  }
  return cols;
}

function target(cols: Column[], n: number, task: Task, rng: Rng): Float64Array {
  const y = new Float64Array(n);
  const x0 = (cols[0] as { values: Float64Array }).values;
  const x1 = (cols[1] as { values: Float64Array }).values;
  const c0 = (cols[5] as { codes: Int32Array }).codes;
  for (let i = 0; i < n; i++) {
    const s =
      (x0[i] === x0[i] ? x0[i] : 3) +
      (x1[i] === x1[i] ? Math.sin(x1[i]) * 4 : -2) +
      (c0[i] % 3) +
      rng.next() * 2;
    y[i] = task === 'regression' ? s : task === 'binary' ? +(s > 1) : s < -1 ? 0 : s < 3 ? 1 : 2;
  }
  return y;
}

function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

const cases: Array<[AlgorithmId, Task]> = [
  ['gbdt', 'binary'],
  ['gbdt', 'multiclass'],
  ['gbdt', 'regression'],
  ['random_forest', 'binary'],
  ['random_forest', 'multiclass'],
  ['random_forest', 'regression'],
];

for (const [algorithm, task] of cases) {
  test(`compiled prediction equals the tree walker bit for bit: ${algorithm} ${task}`, async () => {
    const rng = new Rng(7);
    const n = 3000;
    const cols = columns(rng, n);
    const classes = task === 'regression' ? [] : task === 'binary' ? ['0', '1'] : ['a', 'b', 'c'];
    const data: FitData = { columns: cols, y: target(cols, n, task, rng), task, classes, target: 'y' };
    const { model } = await fitModel(algorithm, data, {
      n_estimators: 30,
      max_leaves: 31,
      learning_rate: 0.3,
    });
    assert.equal(model.estimator.kind, 'trees');
    const ens = (model.estimator as { ensemble: TreeEnsemble }).ensemble;
    const X = transform(model.pipeline, columns(new Rng(99), 2500));
    // Odd inputs the pipeline would not produce: infinities, −0, unseen and fractional codes.
    for (const col of X) {
      col[0] = Infinity;
      col[1] = -Infinity;
      col[2] = -0;
      col[3] = NaN;
      col[4] = 1e300;
      col[5] = 2.5;
      col[6] = 1000;
      col[7] = -3;
    }
    // Values exactly on the thresholds, and the doubles just either side of them.
    const tr = ens.trees;
    let row = 10;
    for (let g = 0; g < tr.feature.length && row + 3 < X[0].length; g++) {
      if (tr.flags[g] & 2) continue;
      const th = tr.threshold[g];
      const col = X[tr.feature[g]];
      const eps = Math.max(Math.abs(th) * Number.EPSILON, Number.MIN_VALUE);
      col[row++] = th;
      col[row++] = th - eps;
      col[row++] = th + eps;
    }
    const m = X[0].length;
    const ref = ensembleScoresReference(ens, X, m);
    assert.ok(sameBits(ensembleScores(ens, X, m), ref));
    const missing = Int32Array.from(ens.mappers, (mp) => mp.nBins);
    const weight = ens.combine === 'mean' ? 1 / Math.max(1, ens.trees.nTrees) : 1;
    const branchy = new Float64Array(ref.length);
    const fast = new Float64Array(ref.length);
    const init = ensembleScoresReference({ ...ens, trees: { ...ens.trees, nTrees: 0 } }, X, m);
    branchy.set(init);
    fast.set(init);
    compileTrees(ens.trees, missing, ens.nOut, weight, 'branches').run(X, branchy, 0, m);
    const compiled = compileTrees(ens.trees, missing, ens.nOut, weight);
    if (algorithm === 'gbdt') assert.equal(compiled.kind, 'masks');
    compiled.run(X, fast, 0, 1234);
    compiled.run(X, fast, 1234, m);
    assert.ok(sameBits(branchy, ref));
    assert.ok(sameBits(fast, ref));
  });
}

test('large batches split across the prediction thread give the same scores', async () => {
  const rng = new Rng(11);
  const n = 3000;
  const cols = columns(rng, n);
  const data: FitData = {
    columns: cols,
    y: target(cols, n, 'multiclass', rng),
    task: 'multiclass',
    classes: ['a', 'b', 'c'],
    target: 'y',
  };
  const { model } = await fitModel('gbdt', data, { n_estimators: 10, max_leaves: 15 });
  const ens = (model.estimator as { ensemble: TreeEnsemble }).ensemble;
  compileForPrediction(ens, THREAD_MIN_ROWS);
  const X = transform(model.pipeline, columns(new Rng(5), THREAD_MIN_ROWS + 101));
  const m = X[0].length;
  const ref = ensembleScoresReference(ens, X, m);
  const before = PredictThread.get()?.jobsDone ?? 0;
  for (let rep = 0; rep < 2; rep++) assert.ok(sameBits(ensembleScores(ens, X, m), ref));
  if (availableParallelism() > 1) assert.equal(PredictThread.get()?.jobsDone, before + 2);
});

test('numeric-only trees walked two rows at a time equal compiled branches bit for bit (unpruned forest, NaNs, odd row count)', async () => {
  for (const task of ['multiclass', 'regression'] as const) {
    const rng = new Rng(13);
    const n = 1501;
    const cols = columns(rng, n).slice(0, 5);
    const y = target([...cols, ...columns(new Rng(1), n).slice(5)], n, task, rng);
    const classes = task === 'regression' ? [] : ['a', 'b', 'c'];
    const { model } = await fitModel(
      'random_forest',
      { columns: cols, y, task, classes, target: 'y' },
      {
        n_estimators: 12,
      },
    );
    const ens = (model.estimator as { ensemble: TreeEnsemble }).ensemble;
    assert.ok(ens.trees.feature.length / ens.trees.nTrees > 128, 'big trees: walked, not compiled');
    const X = transform(model.pipeline, columns(new Rng(3), 777).slice(0, 5));
    for (const col of X) {
      col[0] = Infinity;
      col[1] = -Infinity;
      col[2] = -0;
      col[3] = NaN;
    }
    const m = X[0].length;
    const walked = ensembleScores(ens, X, m);
    const branchy = ensembleScoresReference({ ...ens, trees: { ...ens.trees, nTrees: 0 } }, X, m);
    const weight = 1 / ens.trees.nTrees;
    const missing = Int32Array.from(ens.mappers, (mp) => mp.nBins);
    compileTrees(ens.trees, missing, ens.nOut, weight, 'branches').run(X, branchy, 0, m);
    assert.ok(sameBits(walked, branchy));
  }
});
