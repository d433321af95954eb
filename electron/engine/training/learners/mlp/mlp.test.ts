import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as TF from '@tensorflow/tfjs';
import { Rng } from '../random';
import type { Task } from '../../types';
import { loadTf } from './backend';
import { JsTrainer } from './js-trainer';
import { fitMlp, predictMlp, useJsTrainer, type MlpInput } from './mlp';
import { initialWeights, type TrainSettings } from './network';

/** Two noisy features whose product's sign is the class: no linear model separates it. */
function xor(n: number, seed: number): { a: Float64Array; b: Float64Array; y: Float64Array } {
  const rng = new Rng(seed);
  const a = Float64Array.from({ length: n }, () => rng.normal());
  const b = Float64Array.from({ length: n }, () => rng.normal());
  const y = Float64Array.from({ length: n }, (_, i) => (a[i] * b[i] > 0 ? 1 : 0));
  return { a, b, y };
}

const XOR_PARAMS = {
  hidden_layers: [16, 8],
  epochs: 30,
  batch_size: 64,
  learning_rate: 0.01,
  dropout: 0,
  early_stopping_rounds: 0,
  seed: 3,
};

for (const trainer of ['js', 'tfjs'] as const) {
  test(`the MLP's ${trainer} trainer learns XOR-like data`, async () => {
    const n = 800;
    const { a, b, y } = xor(n, 1);
    const input: MlpInput = {
      X: [a, b],
      y,
      task: 'binary',
      nClasses: 2,
      valid: { X: [a.subarray(0, 200), b.subarray(0, 200)], y: y.subarray(0, 200) },
    };
    const { model, history, backend } = await fitMlp(input, XOR_PARAMS, {}, trainer);
    if (trainer === 'tfjs') assert.ok(backend === 'wasm' || backend === 'tensorflow', `backend ${backend}`);
    else assert.equal(backend, 'javascript');
    assert.ok(history.trainLoss[history.trainLoss.length - 1] < history.trainLoss[0]);
    const p = await predictMlp(model, [a, b], n);
    let correct = 0;
    for (let i = 0; i < n; i++) if ((p[2 * i + 1] > 0.5 ? 1 : 0) === y[i]) correct++;
    assert.ok(correct / n > 0.85, `accuracy ${correct / n}`);
  });
}

/** Three features, a target of each task: a class from the quadrant and the radius, or a smooth value. */
function table(task: Task, n: number): MlpInput {
  const rng = new Rng(7);
  const X = [0, 1, 2].map(() => Float64Array.from({ length: n }, () => rng.normal()));
  const y = Float64Array.from({ length: n }, (_, i) => {
    const [u, v, w] = [X[0][i], X[1][i], X[2][i]];
    if (task === 'regression') return Math.sin(u) * 3 + v * w;
    if (task === 'binary') return u * v + 0.3 * w > 0 ? 1 : 0;
    return (u > 0 ? 1 : 0) + (v > 0 ? 2 : 0) + (u * u + w * w > 2 ? 1 : 0);
  });
  const cut = Math.floor(n * 0.8);
  return {
    X: X.map((c) => c.subarray(0, cut)),
    y: y.subarray(0, cut),
    task,
    nClasses: task === 'multiclass' ? 5 : 2,
    valid: { X: X.map((c) => c.subarray(cut)), y: y.subarray(cut) },
  };
}

for (const task of ['binary', 'multiclass', 'regression'] as const) {
  test(`both MLP trainers compute the same ${task} run from one seed (dropout, L2, a short last batch)`, async () => {
    const input = table(task, 700);
    const params = {
      hidden_layers: [12, 6],
      epochs: 6,
      batch_size: 50,
      dropout: 0.2,
      reg_lambda: 0.001,
      seed: 11,
    };
    const js = await fitMlp(input, params, {}, 'js');
    const tf = await fitMlp(input, params, {}, 'tfjs');
    assert.equal(js.history.iterations, tf.history.iterations);
    for (const key of ['trainLoss', 'validLoss'] as const) {
      js.history[key].forEach((l, e) => {
        const other = tf.history[key][e];
        assert.ok(Math.abs(l - other) <= 1e-4 * Math.max(1, Math.abs(l)), `${key}[${e}]: ${l} vs ${other}`);
      });
    }
    js.model.layers.forEach((layer, l) => {
      const other = tf.model.layers[l].kernel;
      const worst = layer.kernel.reduce((m, w, i) => Math.max(m, Math.abs(w - other[i])), 0);
      assert.ok(worst < 1e-3, `layer ${l} kernels differ by ${worst}`);
    });
    // The same seed gives the same model bit for bit.
    const again = await fitMlp(input, params, {}, 'js');
    assert.deepEqual(again.model.layers, js.model.layers);
  });
}

test("the JavaScript trainer's first Adam step matches tfjs's optimizer on the tfjs-derived gradient", async () => {
  const { tf } = await loadTf();
  const input = table('multiclass', 300);
  const n = input.y.length;
  const widths = [3, 8, 5];
  const init = initialWeights(widths, new Rng(5));
  const s: TrainSettings = {
    task: 'multiclass',
    hidden: [8],
    dropout: 0,
    learningRate: 0.01,
    batchSize: n,
    regLambda: 0.01,
  };
  const x = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) for (let f = 0; f < 3; f++) x[i * 3 + f] = input.X[f][i];
  const trainer = new JsTrainer(s, { x, y: input.y, n }, null, widths, init);
  trainer.epoch({ rng: new Rng(1), epoch: 1, totalEpochs: 1, hooks: {}, clock: { lastReport: 0 } });
  const ours = trainer.weights();

  // The reference: tfjs's autodiff and Adam on the same full batch (one step, order-free).
  const vars = [0, 1].flatMap((l) => [
    tf.variable(tf.tensor2d(init[2 * l], [widths[l], widths[l + 1]])),
    tf.variable(tf.tensor1d(init[2 * l + 1])),
  ]);
  const xs = tf.tensor2d(Float32Array.from(x), [n, 3]);
  const ys = tf.oneHot(tf.tensor1d(Int32Array.from(input.y), 'int32'), 5);
  const optimizer = tf.train.adam(s.learningRate);
  optimizer.minimize(() => {
    const h = tf.relu(tf.add(tf.matMul(xs, vars[0]), vars[1]));
    const z = tf.add(tf.matMul(h, vars[2]), vars[3]) as TF.Tensor2D;
    const penalty = tf.mul(s.regLambda, tf.sum(tf.square(vars[0])));
    return tf.add(tf.losses.softmaxCrossEntropy(ys, z), penalty) as TF.Scalar;
  });
  vars.forEach((v, i) => {
    const want = v.dataSync();
    const worst = ours[i].reduce((m, w, j) => Math.max(m, Math.abs(w - want[j])), 0);
    assert.ok(worst < 1e-5, `tensor ${i} differs by ${worst}`);
  });
  tf.dispose([...vars, xs, ys]);
  optimizer.dispose();
});

test('the size rule sends small networks to JavaScript and large ones to tfjs', () => {
  assert.equal(useJsTrainer([4, 64, 32, 3], 120), true); // iris at the defaults
  assert.equal(useJsTrainer([64, 64, 32, 10], 128), true); // digits
  assert.equal(useJsTrainer([64, 128, 64, 10], 128), false);
  assert.equal(useJsTrainer([30, 256, 128, 1], 512), false); // bench/mlp
});
