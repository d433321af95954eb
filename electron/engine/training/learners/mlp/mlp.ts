/**
 * A multilayer perceptron: dense ReLU layers with dropout, Adam, mini-batches shuffled by
 * the seeded generator, and early stopping that restores the best epoch's weights. Two
 * trainers compute the same run from one seed: plain JavaScript for small networks
 * (js-trainer.ts), where tfjs's per-kernel dispatch cost more than the arithmetic, and
 * a written-out tfjs step for large ones (tfjs-trainer.ts); `JS_MAX_STEP_WORK` picks.
 * The fitted weights are kept as plain Float32Arrays so a model serialises without tfjs
 * and prediction rebuilds only the forward pass. See docs/architecture.md ("Inside the
 * training capability").
 */
import { ApiError } from '../../../../../shared/errors';
import { Rng } from '../random';
import type { FitHistory, ProgressHooks, Task, TrainParams } from '../../types';
import type * as TF from '@tensorflow/tfjs';
import { loadTf } from './backend';
import { forwardJs } from './js-forward';
import { JsTrainer, type Rows } from './js-trainer';
import { initialWeights, type Trainer, type TrainSettings, type Weights } from './network';
import { TfjsTrainer } from './tfjs-trainer';

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

export interface MlpInput {
  X: Float64Array[];
  y: Float64Array;
  task: Task;
  nClasses: number;
  valid?: { X: Float64Array[]; y: Float64Array };
}

type MlpParams = typeof MLP_DEFAULTS;

/**
 * Multiply-adds per training step (batch rows × weights, inputs' biases included) up to
 * which the network trains, and predicts, in JavaScript (js-trainer.ts, js-forward.ts)
 * rather than on tfjs. Measured on one core of this project's 2-core machine: tfjs's
 * wasm backend costs about 1.1 ms per step in kernel dispatch whatever the size and then
 * multiplies at about 8 G per second, JavaScript at about 1.7 G with nothing fixed, so
 * in steady state they cross near 0.6M. But tfjs also costs its load (about a second in
 * each fresh training worker) and a slow first epoch: on digits (128 × 6.5k = 0.83M,
 * 18 ms of CPU an epoch on tfjs against 23 in JavaScript) compare-all's MLP took 3.3–4.9 s
 * in JavaScript against 3.8–6.6 s on tfjs, so the line sits at 1M. Above it (wider
 * layers, bench/mlp's 256-128 at batch 512: 21M) tfjs's matrix products win outright.
 */
export const JS_MAX_STEP_WORK = 1_000_000;
/** Prediction follows training: the rule at the default batch of 128 rows. */
const RULE_BATCH = 128;

function weightCount(widths: number[]): number {
  let weights = 0;
  for (let l = 0; l + 1 < widths.length; l++) weights += (widths[l] + 1) * widths[l + 1];
  return weights;
}

/** Whether the network trains in JavaScript: `JS_MAX_STEP_WORK`'s rule. */
export function useJsTrainer(widths: number[], batchRows: number): boolean {
  return weightCount(widths) * batchRows <= JS_MAX_STEP_WORK;
}

export async function fitMlp(
  input: MlpInput,
  params: TrainParams,
  hooks: ProgressHooks = {},
  /** Forces a trainer (tests and benchmarks); by default `useJsTrainer` picks. */
  trainer?: 'js' | 'tfjs',
): Promise<{ model: MlpModel; history: FitHistory; backend: string }> {
  const p = {
    ...MLP_DEFAULTS,
    ...Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null && v !== undefined)),
  } as MlpParams;
  const { X, y, task } = input;
  const n = y.length;
  if (n === 0)
    throw new ApiError(
      'INVALID_INPUT',
      'There are no training rows left to fit on; check the filters and the validation split.',
    );
  const { yMean, yStd } = targetScale(y, task);
  const rng = new Rng(p.seed);
  const widths = [X.length, ...p.hidden_layers, task === 'multiclass' ? input.nClasses : 1];
  const init = initialWeights(widths, rng);
  const settings: TrainSettings = {
    task,
    hidden: p.hidden_layers,
    dropout: p.dropout,
    learningRate: p.learning_rate,
    batchSize: p.batch_size,
    regLambda: p.reg_lambda,
  };
  const train = rowsOf(X, y, task, yMean, yStd);
  const valid = input.valid ? rowsOf(input.valid.X, input.valid.y, task, yMean, yStd) : null;
  const js = trainer ? trainer === 'js' : useJsTrainer(widths, Math.min(p.batch_size, n));
  let backend = 'javascript';
  let net: Trainer;
  if (js) net = new JsTrainer(settings, train, valid, widths, init);
  else {
    const loaded = await loadTf();
    backend = loaded.backend;
    net = new TfjsTrainer(loaded.tf, settings, train, valid, widths, init);
  }
  try {
    const { weights, history } = runEpochs(net, p, rng, hooks, valid !== null);
    return { model: { task, layers: denseLayers(widths, weights, task), yMean, yStd }, history, backend };
  } finally {
    net.dispose();
  }
}

/**
 * The epoch loop: with held-out rows, stops after `early_stopping_rounds` epochs without
 * a better validation loss and returns the best epoch's weights; otherwise the last.
 */
function runEpochs(
  net: Trainer,
  p: MlpParams,
  rng: Rng,
  hooks: ProgressHooks,
  hasValid: boolean,
): { weights: Weights; history: FitHistory } {
  const history: FitHistory = { iterations: 0, trainLoss: [], validLoss: [] };
  let best = { loss: Infinity, epoch: 0, weights: null as Weights | null };
  const clock = { lastReport: 0 };
  for (let epoch = 1; epoch <= p.epochs; epoch++) {
    const trainLoss = net.epoch({ rng, epoch, totalEpochs: p.epochs, hooks, clock });
    history.iterations = epoch;
    history.trainLoss.push(trainLoss);
    let validLossNow: number | undefined;
    if (hasValid) {
      const vl = net.validLoss();
      validLossNow = vl;
      history.validLoss.push(vl);
      if (vl < best.loss - 1e-9) best = { loss: vl, epoch, weights: net.weights() };
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
  if (best.weights) history.bestIteration = best.epoch;
  return { weights: best.weights ?? net.weights(), history };
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

/** Columns to row-major rows, with the training targets (regression standardised). */
function rowsOf(X: Float64Array[], y: Float64Array, task: Task, mean: number, std: number): Rows {
  const n = y.length;
  const d = X.length;
  const x = new Float64Array(n * d);
  for (let f = 0; f < d; f++) {
    const col = X[f];
    for (let i = 0; i < n; i++) x[i * d + f] = col[i];
  }
  const t = task === 'regression' ? y.map((v) => (v - mean) / std) : y;
  return { x, y: t, n };
}

/** The dense layers' weights as plain arrays, so the model serialises without tfjs. */
function denseLayers(widths: number[], weights: Weights, task: Task): DenseLayer[] {
  const out: DenseLayer['activation'] =
    task === 'binary' ? 'sigmoid' : task === 'multiclass' ? 'softmax' : 'linear';
  const layers = widths.length - 1;
  return Array.from({ length: layers }, (_, l) => ({
    inputs: widths[l],
    units: widths[l + 1],
    kernel: weights[2 * l],
    bias: weights[2 * l + 1],
    activation: l === layers - 1 ? out : 'relu',
  }));
}

/** Forward pass: probabilities (n × classes; binary gives two columns) or values. */
export async function predictMlp(model: MlpModel, X: Float64Array[], n: number): Promise<Float64Array> {
  const widths = [model.layers[0].inputs, ...model.layers.map((l) => l.units)];
  const v = useJsTrainer(widths, RULE_BATCH) ? forwardJs(model, X, n) : await forwardTf(model, X, n);
  if (model.task === 'multiclass') return v;
  const out = new Float64Array(model.task === 'binary' ? 2 * n : n);
  for (let i = 0; i < n; i++) {
    if (model.task === 'binary') {
      out[2 * i + 1] = v[i];
      out[2 * i] = 1 - v[i];
    } else out[i] = v[i] * model.yStd + model.yMean;
  }
  return out;
}

/** The output layer's activations (n × units) on tfjs, in float32. */
async function forwardTf(model: MlpModel, X: Float64Array[], n: number): Promise<Float64Array> {
  const { tf } = await loadTf();
  const d = X.length;
  const k = model.layers[model.layers.length - 1].units;
  const out = new Float64Array(n * k);
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
      out.set(await raw.data(), i0 * k);
      raw.dispose();
    }
  } finally {
    for (const w of weights) tf.dispose([w.W, w.b]);
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
