/**
 * A multilayer perceptron trained with TensorFlow.js core ops (no tfjs-layers: its
 * per-batch overhead dominated small tables; see docs/architecture.md, "Inside
 * the training capability"): dense ReLU layers with dropout, Adam, mini-batches shuffled by the seeded
 * generator (tfjs's own shuffle uses Math.random), and early stopping that restores the
 * best epoch's weights. The fitted
 * weights are kept as plain Float32Arrays so a model serialises without tfjs and
 * prediction rebuilds only the forward pass.
 */
import { ApiError } from '../../../../../shared/errors';
import { Rng } from '../random';
import type { FitHistory, ProgressHooks, Task, TrainParams } from '../../types';
import type * as TF from '@tensorflow/tfjs';
import { loadTf } from './backend';

export interface DenseLayer {
  inputs: number;
  units: number;
  /** inputs × units, row-major. */
  kernel: Float32Array;
  bias: Float32Array;
  activation: 'relu' | 'sigmoid' | 'softmax' | 'linear';
}

export interface MlpModel {
  task: Task;
  layers: DenseLayer[];
  /** Regression targets are standardised for training; predictions are mapped back. */
  yMean: number;
  yStd: number;
}

export const MLP_DEFAULTS = {
  hidden_layers: [64, 32],
  dropout: 0.1,
  learning_rate: 0.001,
  batch_size: 256,
  epochs: 50,
  early_stopping_rounds: 5,
  reg_lambda: 0,
  seed: 42,
} satisfies TrainParams;

const PROGRESS_MS = 250;

export interface MlpInput {
  X: Float64Array[];
  y: Float64Array;
  task: Task;
  nClasses: number;
  valid?: { X: Float64Array[]; y: Float64Array };
}

type Tf = Awaited<ReturnType<typeof loadTf>>['tf'];
type MlpParams = typeof MLP_DEFAULTS;
type Weights = Float32Array[];

export async function fitMlp(
  input: MlpInput,
  params: TrainParams,
  hooks: ProgressHooks = {},
): Promise<{ model: MlpModel; history: FitHistory; backend: string }> {
  const p = {
    ...MLP_DEFAULTS,
    ...Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null && v !== undefined)),
  } as MlpParams;
  const { tf, backend } = await loadTf();
  const { X, y, task } = input;
  const n = y.length;
  const d = X.length;
  if (n === 0)
    throw new ApiError(
      'INVALID_INPUT',
      'There are no training rows left to fit on; check the filters and the validation split.',
    );
  const { yMean, yStd } = targetScale(y, task);
  const rng = new Rng(p.seed);
  const nOut = task === 'multiclass' ? input.nClasses : 1;
  const net = buildNetwork(tf, p, d, nOut, rng);
  const optimizer = tf.train.adam(p.learning_rate);
  const xs = tf.tensor2d(rowMajor(X, n), [n, d]);
  const ys = tf.tensor2d(targets(y, task, yMean, yStd), [n, 1]);
  const vx = input.valid
    ? tf.tensor2d(rowMajor(input.valid.X, input.valid.y.length), [input.valid.y.length, d])
    : null;
  const vy = input.valid
    ? tf.tensor2d(targets(input.valid.y, task, yMean, yStd), [input.valid.y.length, 1])
    : null;
  const history: FitHistory = { iterations: 0, trainLoss: [], validLoss: [] };
  let best = { loss: Infinity, epoch: 0, weights: null as Weights | null };
  const clock = { lastReport: 0 };
  try {
    for (let epoch = 1; epoch <= p.epochs; epoch++) {
      const trainLoss = fitEpoch(tf, net, optimizer, xs, ys, { rng, n, p, task, nOut, epoch, hooks, clock });
      history.iterations = epoch;
      history.trainLoss.push(trainLoss);
      let validLossNow: number | undefined;
      if (vx && vy) {
        const vl = validLoss(tf, net, task, nOut, vx, vy);
        validLossNow = vl;
        history.validLoss.push(vl);
        if (vl < best.loss - 1e-9) best = { loss: vl, epoch, weights: copyWeights(net) };
        else if (p.early_stopping_rounds > 0 && epoch - best.epoch >= p.early_stopping_rounds) break;
      }
      clock.lastReport = Date.now();
      hooks.onProgress?.({
        stage: `Epoch ${epoch}`,
        iteration: epoch,
        total: p.epochs,
        trainLoss,
        validLoss: validLossNow,
      });
    }
    const weights = best.weights ?? copyWeights(net);
    if (best.weights) history.bestIteration = best.epoch;
    return { model: { task, layers: denseLayers(net, weights, task), yMean, yStd }, history, backend };
  } finally {
    xs.dispose();
    ys.dispose();
    vx?.dispose();
    vy?.dispose();
    disposeNet(net);
    optimizer.dispose();
  }
}

/** Regression targets are standardised for training; classes are left as they are. */
function targetScale(y: Float64Array, task: Task): { yMean: number; yStd: number } {
  if (task !== 'regression') return { yMean: 0, yStd: 1 };
  const n = y.length;
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += y[i];
  yMean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (y[i] - yMean) ** 2;
  return { yMean, yStd: Math.sqrt(ss / n) || 1 };
}

/**
 * The network as plain variables: kernels (inputs × units) and biases per dense layer.
 * Initialisers draw their seeds from `rng` in layer order (He normal for the ReLU layers,
 * Glorot uniform for the output).
 */
interface Net {
  W: TF.Variable[];
  b: TF.Variable[];
}

function buildNetwork(tf: Tf, p: MlpParams, d: number, nOut: number, rng: Rng): Net {
  const widths = [d, ...p.hidden_layers, nOut];
  const net: Net = { W: [], b: [] };
  for (let l = 0; l + 1 < widths.length; l++) {
    const hidden = l + 1 < widths.length - 1;
    const init = hidden
      ? tf.initializers.heNormal({ seed: rng.nextU32() })
      : tf.initializers.glorotUniform({ seed: rng.nextU32() });
    net.W.push(tf.variable(init.apply([widths[l], widths[l + 1]]) as TF.Tensor2D));
    net.b.push(tf.variable(tf.zeros([widths[l + 1]])));
  }
  return net;
}

function disposeNet(net: Net): void {
  for (const v of [...net.W, ...net.b]) v.dispose();
}

/** The output layer's pre-activation; `dropSeeds` (one per hidden layer) turns dropout on. */
function logits(tf: Tf, net: Net, x: TF.Tensor2D, rate: number, dropSeeds?: number[]): TF.Tensor2D {
  let h = x;
  const last = net.W.length - 1;
  for (let l = 0; l < last; l++) {
    h = tf.relu(tf.add(tf.matMul(h, net.W[l]), net.b[l]) as TF.Tensor2D);
    if (dropSeeds && rate > 0) h = tf.dropout(h, rate, undefined, dropSeeds[l]) as TF.Tensor2D;
  }
  return tf.add(tf.matMul(h, net.W[last]), net.b[last]) as TF.Tensor2D;
}

/** Mean loss of pre-activations `z` against targets `y` (n × 1: class index, 0/1 or scaled value). */
function lossOf(tf: Tf, task: Task, nOut: number, z: TF.Tensor2D, y: TF.Tensor2D): TF.Scalar {
  if (task === 'binary') return tf.losses.sigmoidCrossEntropy(y, z);
  if (task === 'multiclass')
    return tf.losses.softmaxCrossEntropy(
      tf.oneHot(tf.cast(y.reshape([-1]), 'int32') as TF.Tensor1D, nOut),
      z,
    );
  return tf.losses.meanSquaredError(y, z);
}

interface EpochContext {
  rng: Rng;
  n: number;
  p: MlpParams;
  task: Task;
  nOut: number;
  epoch: number;
  hooks: ProgressHooks;
  /** When progress was last reported, shared with the caller's per-epoch report. */
  clock: { lastReport: number };
}

/**
 * One pass over the rows in the seeded generator's order; returns the epoch's mean
 * training loss. A plain loop of `optimizer.minimize` on core ops: tfjs-layers' `fit`
 * costs several times the arithmetic per batch on small networks, and the batch losses
 * are summed on the backend so nothing waits for a number until the epoch ends (or a
 * progress report).
 */
function fitEpoch(
  tf: Tf,
  net: Net,
  optimizer: TF.Optimizer,
  xs: TF.Tensor2D,
  ys: TF.Tensor2D,
  { rng, n, p, task, nOut, epoch, hooks, clock }: EpochContext,
): number {
  const order = tf.tensor1d(rng.shuffle(Int32Array.from({ length: n }, (_, i) => i)), 'int32');
  const sx = tf.gather(xs, order);
  const sy = tf.gather(ys, order);
  order.dispose();
  const d = xs.shape[1];
  const vars = [...net.W, ...net.b];
  const steps = Math.ceil(n / p.batch_size);
  let total = tf.scalar(0);
  try {
    for (let s = 0; s < steps; s++) {
      if (hooks.isCancelled?.()) throw new ApiError('CANCELLED', 'Training was cancelled.');
      const i0 = s * p.batch_size;
      const m = Math.min(p.batch_size, n - i0);
      const seeds = p.hidden_layers.map(() => rng.nextU32());
      const cost = optimizer.minimize(
        () =>
          tf.tidy(() => {
            const x = tf.slice(sx, [i0, 0], [m, d]);
            const y = tf.slice(sy, [i0, 0], [m, 1]);
            let loss = lossOf(tf, task, nOut, logits(tf, net, x, p.dropout, seeds), y);
            if (p.reg_lambda > 0)
              for (let l = 0; l + 1 < net.W.length; l++)
                loss = tf.add(loss, tf.mul(p.reg_lambda, tf.sum(tf.square(net.W[l]))));
            return tf.mul(loss, m / n) as TF.Scalar;
          }),
        true,
        vars,
      ) as TF.Scalar;
      const next = tf.add(total, cost) as TF.Scalar;
      total.dispose();
      cost.dispose();
      total = next;
      const now = Date.now();
      if (hooks.onProgress && now - clock.lastReport >= PROGRESS_MS) {
        clock.lastReport = now;
        hooks.onProgress({
          stage: `Epoch ${epoch}`,
          iteration: epoch - 1 + (s + 1) / steps,
          total: p.epochs,
          trainLoss: (total.dataSync()[0] * n) / (i0 + m),
        });
      }
    }
    return total.dataSync()[0];
  } finally {
    total.dispose();
    sx.dispose();
    sy.dispose();
  }
}

/** Mean loss on held-out rows, without dropout, in chunks. */
function validLoss(tf: Tf, net: Net, task: Task, nOut: number, vx: TF.Tensor2D, vy: TF.Tensor2D): number {
  const n = vx.shape[0];
  const d = vx.shape[1];
  const CHUNK = 8192;
  let sum = 0;
  for (let i0 = 0; i0 < n; i0 += CHUNK) {
    const m = Math.min(CHUNK, n - i0);
    const l = tf.tidy(() =>
      lossOf(
        tf,
        task,
        nOut,
        logits(tf, net, tf.slice(vx, [i0, 0], [m, d]), 0),
        tf.slice(vy, [i0, 0], [m, 1]),
      ),
    );
    sum += l.dataSync()[0] * m;
    l.dispose();
  }
  return sum / Math.max(1, n);
}

function copyWeights(net: Net): Weights {
  return net.W.flatMap((w, l) => [
    w.dataSync().slice() as Float32Array,
    net.b[l].dataSync().slice() as Float32Array,
  ]);
}

/** The dense layers' weights as plain arrays, so the model serialises without tfjs. */
function denseLayers(net: Net, weights: Weights, task: Task): DenseLayer[] {
  const out: DenseLayer['activation'] =
    task === 'binary' ? 'sigmoid' : task === 'multiclass' ? 'softmax' : 'linear';
  return net.W.map((w, l) => ({
    inputs: w.shape[0] as number,
    units: w.shape[1] as number,
    kernel: weights[2 * l],
    bias: weights[2 * l + 1],
    activation: l === net.W.length - 1 ? out : 'relu',
  }));
}

/** Forward pass: probabilities (n × classes; binary gives two columns) or values. */
export async function predictMlp(model: MlpModel, X: Float64Array[], n: number): Promise<Float64Array> {
  const { tf } = await loadTf();
  const d = X.length;
  const last = model.layers[model.layers.length - 1];
  const outWidth = model.task === 'binary' ? 2 : last.units;
  const out = new Float64Array(n * outWidth);
  const CHUNK = 65_536;
  const weights = model.layers.map((l) => ({
    W: tf.tensor2d(l.kernel, [l.inputs, l.units]),
    b: tf.tensor1d(l.bias),
    act: l.activation,
  }));
  try {
    for (let i0 = 0; i0 < n; i0 += CHUNK) {
      const m = Math.min(CHUNK, n - i0);
      const raw = tf.tidy(() => {
        let h: TF.Tensor2D = tf.tensor2d(rowMajor(X, n, i0, m), [m, d]);
        for (const { W, b, act } of weights) {
          h = tf.add(tf.matMul(h, W), b) as TF.Tensor2D;
          if (act === 'relu') h = tf.relu(h);
          else if (act === 'sigmoid') h = tf.sigmoid(h);
          else if (act === 'softmax') h = tf.softmax(h);
        }
        return h;
      });
      const v = await raw.data();
      raw.dispose();
      for (let k = 0; k < m; k++) {
        const i = i0 + k;
        if (model.task === 'binary') {
          out[2 * i + 1] = v[k];
          out[2 * i] = 1 - v[k];
        } else if (model.task === 'regression') out[i] = v[k] * model.yStd + model.yMean;
        else for (let c = 0; c < outWidth; c++) out[i * outWidth + c] = v[k * outWidth + c];
      }
    }
  } finally {
    for (const w of weights) {
      w.W.dispose();
      w.b.dispose();
    }
  }
  return out;
}

function rowMajor(X: Float64Array[], n: number, start = 0, count = n - start): Float32Array {
  const d = X.length;
  const out = new Float32Array(count * d);
  for (let f = 0; f < d; f++) {
    const col = X[f];
    for (let k = 0; k < count; k++) out[k * d + f] = col[start + k];
  }
  return out;
}

function targets(y: Float64Array, task: Task, mean: number, std: number): Float32Array {
  const out = new Float32Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = task === 'regression' ? (y[i] - mean) / std : y[i];
  return out;
}
