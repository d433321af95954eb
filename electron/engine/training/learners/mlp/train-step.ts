/**
 * One Adam step of the MLP, written out on tfjs kernels instead of `optimizer.minimize`.
 * Why: on small tables the arithmetic of a step is tiny (digits: about 2M multiply-adds)
 * and the cost was the kernels' dispatch (8–20 µs each on the wasm backend): minimize
 * recorded a tape and replayed about 110 kernels per step (tf.dropout's random tensor,
 * the loss's one-hot and reductions, twelve Adam kernels for each of the six weight
 * tensors). Here a step is about 45: the batch, its one-hot targets and its dropout
 * masks are built in JavaScript and uploaded; the forward pass is fused matmul + bias +
 * ReLU; the backward pass is written by hand; and Adam updates all weights as one flat
 * tensor. The loss itself is not computed per step: the caller keeps each step's logits
 * and scores them in bulk (`lossSum`).
 */
import type * as TF from '@tensorflow/tfjs';
import type { Task } from '../../types';
import type { loadTf } from './backend';

export type Tf = Awaited<ReturnType<typeof loadTf>>['tf'];

/** Adam's constants (tfjs's defaults; ε is the float32 backends' epsilon). */
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

/**
 * All weights as one flat tensor, layer by layer: kernel (inputs × units, row-major)
 * then bias; Adam's moments share the layout.
 */
export interface FlatNet {
  widths: number[];
  params: TF.Tensor1D;
  m: TF.Tensor1D;
  v: TF.Tensor1D;
  /** Adam steps taken. */
  t: number;
}

export interface StepSettings {
  task: Task;
  learningRate: number;
  regLambda: number;
  /** The nominal batch size: each step's loss is its rows' sum over this (see js-trainer.ts). */
  batchSize: number;
  /** 1 / (1 − dropout): the value kept units are scaled by (1 when there is no dropout). */
  keepScale: number;
}

/** One batch as built in JavaScript: rows (m × d), targets (m × outputs), a mask per hidden layer. */
export interface Batch {
  m: number;
  x: Float32Array;
  y: Float32Array;
  masks: Float32Array[] | null;
}

export function flatSize(widths: number[]): number {
  let size = 0;
  for (let l = 0; l + 1 < widths.length; l++) size += (widths[l] + 1) * widths[l + 1];
  return size;
}

/** Kernels and biases of `params` as tensors (views in the layout above). */
export function layerViews(
  tf: Tf,
  params: TF.Tensor1D,
  widths: number[],
): { W: TF.Tensor2D[]; b: TF.Tensor1D[] } {
  const sizes: number[] = [];
  for (let l = 0; l + 1 < widths.length; l++) sizes.push(widths[l] * widths[l + 1], widths[l + 1]);
  const parts = tf.split(params, sizes);
  const W: TF.Tensor2D[] = [];
  const b: TF.Tensor1D[] = [];
  for (let l = 0; l + 1 < widths.length; l++) {
    W.push(tf.reshape(parts[2 * l], [widths[l], widths[l + 1]]));
    b.push(parts[2 * l + 1] as TF.Tensor1D);
  }
  return { W, b };
}

/**
 * One step on `batch`: replaces the net's weights and moments (disposing the old ones)
 * and returns the batch's logits and targets, which the caller owns, for the epoch's loss.
 */
export function trainStep(
  tf: Tf,
  net: FlatNet,
  batch: Batch,
  s: StepSettings,
): { logits: TF.Tensor2D; targets: TF.Tensor2D } {
  const { widths } = net;
  const last = widths.length - 2;
  const t = net.t + 1;
  const out = tf.tidy(() => {
    const { W, b } = layerViews(tf, net.params, widths);
    const targets = tf.tensor2d(batch.y, [batch.m, widths[last + 1]]);
    // inputs[l] is what layer l multiplies: the batch, then each hidden layer's output after dropout.
    const inputs: TF.Tensor2D[] = [tf.tensor2d(batch.x, [batch.m, widths[0]])];
    for (let l = 0; l < last; l++) {
      let h = tf.fused.matMul({ a: inputs[l], b: W[l], bias: b[l], activation: 'relu' }) as TF.Tensor2D;
      if (batch.masks) h = tf.mul(h, tf.tensor2d(batch.masks[l], [batch.m, widths[l + 1]]));
      inputs.push(h);
    }
    const logits = tf.fused.matMul({ a: inputs[last], b: W[last], bias: b[last] }) as TF.Tensor2D;
    // The loss's gradient with respect to the logits, up to the factor `scale` applied in Adam.
    const out =
      s.task === 'multiclass' ? tf.softmax(logits) : s.task === 'binary' ? tf.sigmoid(logits) : logits;
    let dZ: TF.Tensor2D = tf.sub(out, targets);
    const scale = (s.task === 'regression' ? 2 : 1) / s.batchSize;
    const grads: TF.Tensor[] = [];
    for (let l = last; l >= 0; l--) {
      let dW: TF.Tensor = tf.matMul(tf.transpose(inputs[l]), dZ);
      if (s.regLambda > 0 && l < last)
        dW = tf.add(dW, tf.mul(W[l], (2 * s.regLambda * batch.m) / s.batchSize / scale));
      grads.push(tf.sum(dZ, 0), tf.reshape(dW, [-1]));
      if (l === 0) break;
      // ReLU's and dropout's derivative at once: a unit passed the gradient iff its output
      // after dropout is positive, scaled as dropout scaled it.
      let dH: TF.Tensor2D = tf.mul(tf.matMul(dZ, tf.transpose(W[l])), tf.step(inputs[l]));
      if (batch.masks && s.keepScale !== 1) dH = tf.mul(dH, s.keepScale);
      dZ = dH;
    }
    const g = tf.concat(grads.reverse());
    return { ...adam(tf, net, g, scale, t, s.learningRate), logits, targets };
  });
  net.params.dispose();
  net.m.dispose();
  net.v.dispose();
  net.params = out.params;
  net.m = out.m;
  net.v = out.v;
  net.t = t;
  return { logits: out.logits, targets: out.targets };
}

/**
 * Adam on the flat gradient `g` (already concatenated) times `scale`, with the bias
 * corrections folded into the step size and ε (the same update as tfjs's AdamOptimizer).
 */
function adam(
  tf: Tf,
  net: FlatNet,
  g: TF.Tensor,
  scale: number,
  t: number,
  lr: number,
): { params: TF.Tensor1D; m: TF.Tensor1D; v: TF.Tensor1D } {
  const m = tf.add(tf.mul(net.m, BETA1), tf.mul(g, (1 - BETA1) * scale)) as TF.Tensor1D;
  const v = tf.add(tf.mul(net.v, BETA2), tf.mul(tf.square(g), (1 - BETA2) * scale * scale)) as TF.Tensor1D;
  const c2 = Math.sqrt(1 - BETA2 ** t);
  const stepSize = (lr * c2) / (1 - BETA1 ** t);
  const update = tf.div(tf.mul(m, stepSize), tf.add(tf.sqrt(v), EPSILON * c2));
  return { params: tf.sub(net.params, update) as TF.Tensor1D, m, v };
}

/**
 * Summed (not mean) loss of `logits` against `targets` (one-hot for multiclass, 0/1 or
 * the scaled value otherwise) as a scalar tensor: what the epoch's mean is made from.
 */
export function lossSum(tf: Tf, task: Task, logits: TF.Tensor2D, targets: TF.Tensor2D): TF.Scalar {
  return tf.tidy(() => {
    const rows = logits.shape[0];
    const mean =
      task === 'binary'
        ? tf.losses.sigmoidCrossEntropy(targets, logits)
        : task === 'multiclass'
          ? tf.losses.softmaxCrossEntropy(targets, logits)
          : tf.losses.meanSquaredError(targets, logits);
    return tf.mul(mean, rows);
  });
}
