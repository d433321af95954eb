/**
 * A multilayer perceptron trained with TensorFlow.js: dense ReLU layers with dropout,
 * Adam, mini-batches shuffled by the seeded generator (tfjs's own shuffle uses
 * Math.random), and early stopping that restores the best epoch's weights. The fitted
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
  const model = buildNetwork(tf, p, d, task === 'multiclass' ? input.nClasses : 1, task, rng);
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
      const trainLoss = await fitEpoch(tf, model, xs, ys, { rng, n, p, epoch, hooks, clock });
      history.iterations = epoch;
      history.trainLoss.push(trainLoss);
      let validLoss: number | undefined;
      if (vx && vy) {
        const out = model.evaluate(vx, vy, { batchSize: 8192 }) as TF.Scalar;
        const vl = (await out.data())[0];
        validLoss = vl;
        out.dispose();
        history.validLoss.push(vl);
        if (vl < best.loss - 1e-9) best = { loss: vl, epoch, weights: copyWeights(model) };
        else if (p.early_stopping_rounds > 0 && epoch - best.epoch >= p.early_stopping_rounds) break;
      }
      clock.lastReport = Date.now();
      hooks.onProgress?.({
        stage: `Epoch ${epoch}`,
        iteration: epoch,
        total: p.epochs,
        trainLoss,
        validLoss,
      });
    }
    const weights = best.weights ?? copyWeights(model);
    if (best.weights) history.bestIteration = best.epoch;
    return { model: { task, layers: denseLayers(model, weights), yMean, yStd }, history, backend };
  } finally {
    xs.dispose();
    ys.dispose();
    vx?.dispose();
    vy?.dispose();
    model.dispose();
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

/** The compiled network; initialisers and dropout draw their seeds from `rng`, in layer order. */
function buildNetwork(tf: Tf, p: MlpParams, d: number, nOut: number, task: Task, rng: Rng): TF.Sequential {
  const model = tf.sequential();
  let width = d;
  for (const units of p.hidden_layers) {
    model.add(
      tf.layers.dense({
        inputShape: [width],
        units,
        activation: 'relu',
        kernelInitializer: tf.initializers.heNormal({ seed: rng.nextU32() }),
        kernelRegularizer: p.reg_lambda > 0 ? tf.regularizers.l2({ l2: p.reg_lambda }) : undefined,
      }),
    );
    if (p.dropout > 0) model.add(tf.layers.dropout({ rate: p.dropout, seed: rng.nextU32() }));
    width = units;
  }
  const outActivation = task === 'binary' ? 'sigmoid' : task === 'multiclass' ? 'softmax' : 'linear';
  model.add(
    tf.layers.dense({
      inputShape: [width],
      units: nOut,
      activation: outActivation,
      kernelInitializer: tf.initializers.glorotUniform({ seed: rng.nextU32() }),
    }),
  );
  const loss =
    task === 'binary'
      ? 'binaryCrossentropy'
      : task === 'multiclass'
        ? 'sparseCategoricalCrossentropy'
        : 'meanSquaredError';
  model.compile({ optimizer: tf.train.adam(p.learning_rate), loss });
  return model;
}

interface EpochContext {
  rng: Rng;
  n: number;
  p: MlpParams;
  epoch: number;
  hooks: ProgressHooks;
  /** When progress was last reported, shared with the caller's per-epoch report. */
  clock: { lastReport: number };
}

/** One pass over the rows in the seeded generator's order; returns the epoch's training loss. */
async function fitEpoch(
  tf: Tf,
  model: TF.Sequential,
  xs: TF.Tensor2D,
  ys: TF.Tensor2D,
  { rng, n, p, epoch, hooks, clock }: EpochContext,
): Promise<number> {
  const order = tf.tensor1d(rng.shuffle(Int32Array.from({ length: n }, (_, i) => i)), 'int32');
  const sx = tf.gather(xs, order);
  const sy = tf.gather(ys, order);
  order.dispose();
  let cancelled = false;
  const h = await model.fit(sx, sy, {
    epochs: 1,
    batchSize: p.batch_size,
    shuffle: false,
    verbose: 0,
    callbacks: {
      onBatchEnd: async (batch, logs) => {
        if (hooks.isCancelled?.()) {
          cancelled = true;
          model.stopTraining = true;
        }
        const now = Date.now();
        if (hooks.onProgress && now - clock.lastReport >= PROGRESS_MS) {
          clock.lastReport = now;
          hooks.onProgress({
            stage: `Epoch ${epoch}`,
            iteration: epoch - 1 + (batch + 1) / Math.ceil(n / p.batch_size),
            total: p.epochs,
            trainLoss: logs?.loss,
          });
        }
      },
    },
  });
  sx.dispose();
  sy.dispose();
  if (cancelled) throw new ApiError('CANCELLED', 'Training was cancelled.');
  return Number(h.history.loss[0]);
}

function copyWeights(model: TF.Sequential): Weights {
  return model.getWeights().map((w) => w.dataSync().slice() as Float32Array);
}

/** The dense layers' weights as plain arrays, so the model serialises without tfjs. */
function denseLayers(model: TF.Sequential, weights: Weights): DenseLayer[] {
  const dense = model.layers.filter((l) => l.getClassName() === 'Dense');
  return dense.map((l, j) => {
    const cfg = l.getConfig() as { units: number; activation: string };
    return {
      inputs: weights[2 * j].length / cfg.units,
      units: cfg.units,
      kernel: weights[2 * j],
      bias: weights[2 * j + 1],
      activation: cfg.activation as DenseLayer['activation'],
    };
  });
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
