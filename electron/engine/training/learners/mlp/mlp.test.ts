import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../random';
import { fitMlp, predictMlp } from './mlp';

test('the MLP trains on the wasm backend (tfjs-node is absent here) and learns XOR-like data', async () => {
  const n = 800;
  const rng = new Rng(1);
  const a = Float64Array.from({ length: n }, () => rng.normal());
  const b = Float64Array.from({ length: n }, () => rng.normal());
  const y = Float64Array.from({ length: n }, (_, i) => (a[i] * b[i] > 0 ? 1 : 0));
  const { model, history, backend } = await fitMlp(
    {
      X: [a, b],
      y,
      task: 'binary',
      nClasses: 2,
      valid: { X: [a.subarray(0, 200), b.subarray(0, 200)], y: y.subarray(0, 200) },
    },
    {
      hidden_layers: [16, 8],
      epochs: 30,
      batch_size: 64,
      learning_rate: 0.01,
      dropout: 0,
      early_stopping_rounds: 0,
      seed: 3,
    },
  );
  assert.ok(backend === 'wasm' || backend === 'tensorflow', `backend ${backend}`);
  assert.ok(history.trainLoss[history.trainLoss.length - 1] < history.trainLoss[0]);
  const p = await predictMlp(model, [a, b], n);
  let correct = 0;
  for (let i = 0; i < n; i++) if ((p[2 * i + 1] > 0.5 ? 1 : 0) === y[i]) correct++;
  assert.ok(correct / n > 0.85, `accuracy ${correct / n}`);
});
