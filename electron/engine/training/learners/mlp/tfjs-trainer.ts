/**
 * The MLP's trainer for large networks, on TensorFlow.js (native or WebAssembly), where
 * a step's matrix products outweigh the per-kernel dispatch cost (mlp.ts's size rule
 * decides). Each step is `trainStep` (train-step.ts). The batches, one-hot targets and
 * dropout masks are built in JavaScript from the seeded generator, in the order
 * js-trainer.ts draws them, and uploaded with the step; the weights stay on the backend
 * as one flat tensor until they are read back for the best epoch or the model.
 */
import type * as TF from '@tensorflow/tfjs';
import { ApiError } from '../../../../../shared/errors';
import type { Rows } from './js-trainer';
import {
  dropDraw,
  PROGRESS_MS,
  shuffledRows,
  type EpochContext,
  type Trainer,
  type TrainSettings,
  type Weights,
} from './network';
import { layerViews, lossSum, trainStep, type FlatNet, type Tf } from './train-step';

/** Steps whose logits are kept before their loss is summed on the backend. */
const LOSS_GROUP = 32;
/** Held-out rows scored per forward pass. */
const VALID_CHUNK = 8192;

export class TfjsTrainer implements Trainer {
  private readonly net: FlatNet;
  private readonly valid: { x: TF.Tensor2D; y: TF.Tensor2D } | null;
  private readonly nOut: number;

  constructor(
    private readonly tf: Tf,
    private readonly s: TrainSettings,
    private readonly train: Rows,
    valid: Rows | null,
    widths: number[],
    init: Weights,
  ) {
    this.nOut = widths[widths.length - 1];
    const flat = new Float32Array(init.reduce((a, w) => a + w.length, 0));
    let at = 0;
    for (const part of init) {
      flat.set(part, at);
      at += part.length;
    }
    this.net = {
      widths,
      params: tf.tensor1d(flat),
      m: tf.zeros([flat.length]),
      v: tf.zeros([flat.length]),
      t: 0,
    };
    this.valid =
      valid && valid.n > 0
        ? {
            x: tf.tensor2d(Float32Array.from(valid.x), [valid.n, widths[0]]),
            y: tf.tensor2d(this.targets(valid.y, 0, valid.n, null), [valid.n, this.nOut]),
          }
        : null;
  }

  epoch(ctx: EpochContext): number {
    const { tf, s } = this;
    const { n } = this.train;
    const d = this.net.widths[0];
    const order = shuffledRows(ctx.rng, n);
    const steps = Math.ceil(n / s.batchSize);
    const settings = { ...s, keepScale: 1 / (1 - s.dropout) };
    const pending: { logits: TF.Tensor2D; targets: TF.Tensor2D }[] = [];
    let total = tf.scalar(0);
    const flush = (): void => {
      if (!pending.length) return;
      const cat = (key: 'logits' | 'targets'): TF.Tensor2D => tf.concat(pending.map((q) => q[key]));
      const sum = tf.tidy(() => tf.add(total, lossSum(tf, s.task, cat('logits'), cat('targets'))));
      for (const q of pending.splice(0)) tf.dispose([q.logits, q.targets]);
      total.dispose();
      total = sum as TF.Scalar;
    };
    try {
      for (let st = 0; st < steps; st++) {
        if (ctx.hooks.isCancelled?.()) throw new ApiError('CANCELLED', 'Training was cancelled.');
        const i0 = st * s.batchSize;
        const m = Math.min(s.batchSize, n - i0);
        const x = new Float32Array(m * d);
        for (let r = 0; r < m; r++) {
          const row = order[i0 + r];
          for (let f = 0; f < d; f++) x[r * d + f] = this.train.x[row * d + f];
        }
        const y = this.targets(this.train.y, i0, m, order);
        const masks = s.dropout > 0 ? s.hidden.map((u) => dropoutMask(ctx, m * u, s.dropout)) : null;
        pending.push(trainStep(tf, this.net, { m, x, y, masks }, settings));
        if (pending.length >= LOSS_GROUP) flush();
        const now = Date.now();
        if (ctx.hooks.onProgress && now - ctx.clock.lastReport >= PROGRESS_MS) {
          ctx.clock.lastReport = now;
          flush();
          ctx.hooks.onProgress({
            stage: `Epoch ${ctx.epoch}`,
            iteration: ctx.epoch - 1 + (st + 1) / steps,
            total: ctx.totalEpochs,
            trainLoss: total.dataSync()[0] / (i0 + m),
          });
        }
      }
      flush();
      return total.dataSync()[0] / n;
    } finally {
      for (const q of pending) tf.dispose([q.logits, q.targets]);
      total.dispose();
    }
  }

  validLoss(): number {
    if (!this.valid) return Infinity;
    const { tf } = this;
    const { x, y } = this.valid;
    const [n, d] = x.shape;
    let sum = 0;
    for (let i0 = 0; i0 < n; i0 += VALID_CHUNK) {
      const m = Math.min(VALID_CHUNK, n - i0);
      const l = tf.tidy(() =>
        lossSum(
          tf,
          this.s.task,
          this.logits(tf.slice(x, [i0, 0], [m, d])),
          tf.slice(y, [i0, 0], [m, this.nOut]),
        ),
      );
      sum += l.dataSync()[0];
      l.dispose();
    }
    return sum / n;
  }

  /** The flat weights read back and cut into kernel and bias per layer. */
  weights(): Weights {
    const { widths } = this.net;
    const flat = this.net.params.dataSync() as Float32Array;
    const out: Weights = [];
    let at = 0;
    for (let l = 0; l + 1 < widths.length; l++) {
      for (const size of [widths[l] * widths[l + 1], widths[l + 1]]) {
        out.push(flat.slice(at, at + size));
        at += size;
      }
    }
    return out;
  }

  dispose(): void {
    this.tf.dispose([this.net.params, this.net.m, this.net.v]);
    if (this.valid) this.tf.dispose([this.valid.x, this.valid.y]);
  }

  /** The output layer's pre-activation without dropout. */
  private logits(x: TF.Tensor2D): TF.Tensor2D {
    const { tf } = this;
    const { W, b } = layerViews(tf, this.net.params, this.net.widths);
    let h = x;
    const last = W.length - 1;
    for (let l = 0; l < last; l++)
      h = tf.fused.matMul({ a: h, b: W[l], bias: b[l], activation: 'relu' }) as TF.Tensor2D;
    return tf.fused.matMul({ a: h, b: W[last], bias: b[last] }) as TF.Tensor2D;
  }

  /** Targets of rows `order[i0 …]` (i0 … when `order` is null), one-hot for multiclass. */
  private targets(y: Float64Array, i0: number, m: number, order: Int32Array | null): Float32Array {
    const k = this.nOut;
    const out = new Float32Array(m * k);
    for (let r = 0; r < m; r++) {
      const v = y[order ? order[i0 + r] : i0 + r];
      if (this.s.task === 'multiclass') out[r * k + v] = 1;
      else out[r] = v;
    }
    return out;
  }
}

/** Kept units get 1 / (1 − rate), dropped ones 0 (see `dropDraw`). */
function dropoutMask(ctx: EpochContext, size: number, rate: number): Float32Array {
  const mask = new Float32Array(size);
  const keep = 1 / (1 - rate);
  for (let i = 0; i < size; i++) mask[i] = dropDraw(ctx.rng, rate) ? 0 : keep;
  return mask;
}
