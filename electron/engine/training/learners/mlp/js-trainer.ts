/**
 * The MLP's trainer for small networks, in plain JavaScript (float64). Why hand-written:
 * tfjs costs about 1.1 ms of kernel dispatch per step on its wasm backend (8–20 µs a
 * kernel, about 45 kernels in the leanest written-out step, tfjs-trainer.ts; 110 with
 * optimizer.minimize), and a small table's step is far less arithmetic than that: iris,
 * wine, breast cancer and diabetes at the defaults are 0.3–0.5M multiply-adds a step,
 * which this trainer does in 0.2–0.3 ms. From about 0.6M tfjs's faster matrix products
 * win in steady state (digits, 0.83M: 18 ms of CPU an epoch on tfjs, 23 here), and once
 * they have paid for tfjs's load; mlp.ts's `JS_MAX_STEP_WORK` says where. No library
 * fits: JavaScript's numeric packages do not train networks, and the rest are tfjs or
 * bindings to native code. It computes what tfjs-trainer.ts computes, from the same
 * initial weights and dropout draws.
 */
import { ApiError } from '../../../../../shared/errors';
import { gemmABt, transpose } from './dense-kernels';
import {
  ADAM,
  dropDraw,
  PROGRESS_MS,
  rowLoss,
  shuffledRows,
  type EpochContext,
  type Trainer,
  type TrainSettings,
  type Weights,
} from './network';

/** Rows (row-major, d per row) and targets (class index, 0/1 or the standardised value). */
export interface Rows {
  x: Float64Array;
  y: Float64Array;
  n: number;
}

/** Buffers for one batch, allocated once. */
interface Workspace {
  /** act[0] the batch; act[l] the output of layer l − 1 after ReLU and dropout; the last the logits. */
  act: Float64Array[];
  /** Gradient with respect to each layer's pre-activation. */
  dz: Float64Array[];
  /** The batch's targets. */
  y: Float64Array;
  tA: Float64Array;
  tD: Float64Array;
  kernel: Float64Array;
}

export class JsTrainer implements Trainer {
  private readonly widths: number[];
  private readonly layers: number;
  /** All weights, layer by layer: kernel transposed (units × inputs), then bias. */
  private readonly theta: Float64Array;
  private readonly grad: Float64Array;
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private readonly offsets: number[];
  private readonly ws: Workspace;
  private t = 0;

  constructor(
    private readonly s: TrainSettings,
    private readonly train: Rows,
    private readonly valid: Rows | null,
    widths: number[],
    init: Weights,
  ) {
    this.widths = widths;
    this.layers = widths.length - 1;
    this.offsets = [0];
    for (let l = 0; l < this.layers; l++)
      this.offsets.push(this.offsets[l] + (widths[l] + 1) * widths[l + 1]);
    const size = this.offsets[this.layers];
    this.theta = new Float64Array(size);
    this.grad = new Float64Array(size);
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
    for (let l = 0; l < this.layers; l++) {
      const [inputs, units] = [widths[l], widths[l + 1]];
      const kernel = new Float64Array(init[2 * l]);
      transpose(
        kernel,
        this.theta.subarray(this.offsets[l], this.offsets[l] + inputs * units),
        inputs,
        units,
      );
      this.theta.set(init[2 * l + 1], this.offsets[l] + inputs * units);
    }
    const rows = Math.max(1, Math.min(s.batchSize, train.n));
    const widest = Math.max(...widths);
    this.ws = {
      act: widths.map((w) => new Float64Array(rows * w)),
      dz: widths.slice(1).map((w) => new Float64Array(rows * w)),
      y: new Float64Array(rows),
      tA: new Float64Array(rows * widest),
      tD: new Float64Array(rows * widest),
      kernel: new Float64Array(widest * widest),
    };
  }

  epoch(ctx: EpochContext): number {
    const { n } = this.train;
    const order = shuffledRows(ctx.rng, n);
    const steps = Math.ceil(n / this.s.batchSize);
    let total = 0;
    for (let st = 0; st < steps; st++) {
      if (ctx.hooks.isCancelled?.()) throw new ApiError('CANCELLED', 'Training was cancelled.');
      const i0 = st * this.s.batchSize;
      const m = Math.min(this.s.batchSize, n - i0);
      this.gather(this.train, order, i0, m);
      total += this.forward(m, ctx);
      this.backward(m);
      this.adam();
      const now = Date.now();
      if (ctx.hooks.onProgress && now - ctx.clock.lastReport >= PROGRESS_MS) {
        ctx.clock.lastReport = now;
        ctx.hooks.onProgress({
          stage: `Epoch ${ctx.epoch}`,
          iteration: ctx.epoch - 1 + (st + 1) / steps,
          total: ctx.totalEpochs,
          trainLoss: total / (i0 + m),
        });
      }
    }
    return total / n;
  }

  validLoss(): number {
    const rows = this.valid;
    if (!rows || rows.n === 0) return Infinity;
    const batch = this.ws.act[0].length / this.widths[0];
    let total = 0;
    for (let i0 = 0; i0 < rows.n; i0 += batch) {
      const m = Math.min(batch, rows.n - i0);
      this.gather(rows, null, i0, m);
      total += this.forward(m, null);
    }
    return total / rows.n;
  }

  weights(): Weights {
    const out: Weights = [];
    for (let l = 0; l < this.layers; l++) {
      const [inputs, units] = [this.widths[l], this.widths[l + 1]];
      const at = this.offsets[l];
      const kernel = new Float64Array(inputs * units);
      transpose(this.theta.subarray(at, at + inputs * units), kernel, units, inputs);
      out.push(
        Float32Array.from(kernel),
        Float32Array.from(this.theta.subarray(at + inputs * units, at + (inputs + 1) * units)),
      );
    }
    return out;
  }

  dispose(): void {}

  /** Copies rows `order[i0 …]` (or i0 … in order when `order` is null) into act[0]. */
  private gather(rows: Rows, order: Int32Array | null, i0: number, m: number): void {
    const d = this.widths[0];
    const x = this.ws.act[0];
    for (let r = 0; r < m; r++) {
      const row = order ? order[i0 + r] : i0 + r;
      const src = row * d;
      const dst = r * d;
      for (let f = 0; f < d; f++) x[dst + f] = rows.x[src + f];
      this.ws.y[r] = rows.y[row];
    }
  }

  /**
   * Forward pass over act[0]'s m rows; with `ctx` (training) drops units and writes the
   * loss's gradient with respect to the logits into dz; returns the summed loss.
   */
  private forward(m: number, ctx: EpochContext | null): number {
    const { act, dz } = this.ws;
    const rate = ctx ? this.s.dropout : 0;
    const keep = 1 / (1 - rate);
    for (let l = 0; l < this.layers; l++) {
      const [inputs, units] = [this.widths[l], this.widths[l + 1]];
      const at = this.offsets[l];
      const W = this.theta.subarray(at, at + inputs * units);
      const b = this.theta.subarray(at + inputs * units, at + (inputs + 1) * units);
      const out = act[l + 1];
      gemmABt(act[l], W, out, m, units, inputs, b);
      if (l === this.layers - 1) break;
      const size = m * units;
      if (ctx && rate > 0) {
        for (let e = 0; e < size; e++) {
          const dropped = dropDraw(ctx.rng, rate);
          out[e] = dropped || out[e] <= 0 ? 0 : out[e] * keep;
        }
      } else for (let e = 0; e < size; e++) if (out[e] < 0) out[e] = 0;
    }
    return this.outputLoss(m, ctx !== null ? dz[this.layers - 1] : null);
  }

  /**
   * Summed loss of the logits; with `dz`, also the gradient with respect to them of the
   * loss summed over the batch and divided by the nominal batch size, so a short last
   * batch moves the weights in proportion to its rows (as minimising each batch's share
   * of the epoch's mean loss did).
   */
  private outputLoss(m: number, dz: Float64Array | null): number {
    const per = this.s.batchSize;
    const z = this.ws.act[this.layers];
    const k = this.widths[this.layers];
    const { task } = this.s;
    const { y } = this.ws;
    let loss = 0;
    for (let r = 0; r < m; r++) {
      const target = y[r];
      loss += rowLoss(task, z, r * k, k, target);
      if (!dz) continue;
      if (task === 'regression') dz[r] = (2 * (z[r] - target)) / per;
      else if (task === 'binary') dz[r] = (1 / (1 + Math.exp(-z[r])) - target) / per;
      else softmaxGrad(z, dz, r * k, k, target, per);
    }
    return loss;
  }

  /** Gradients (see `outputLoss`; the L2 penalty weighted alike) into `grad`, last layer first. */
  private backward(m: number): void {
    const { act, dz, tA, tD, kernel } = this.ws;
    const keep = 1 / (1 - this.s.dropout);
    for (let l = this.layers - 1; l >= 0; l--) {
      const [inputs, units] = [this.widths[l], this.widths[l + 1]];
      const at = this.offsets[l];
      const gW = this.grad.subarray(at, at + inputs * units);
      const gb = this.grad.subarray(at + inputs * units, at + (inputs + 1) * units);
      // dW (units × inputs, as stored) = dzᵀ · act[l]: both transposed so the product reads rows.
      transpose(dz[l], tD, m, units);
      transpose(act[l], tA, m, inputs);
      gemmABt(tD, tA, gW, units, inputs, m, null);
      for (let j = 0; j < units; j++) {
        let sum = 0;
        for (let r = 0; r < m; r++) sum += tD[j * m + r];
        gb[j] = sum;
      }
      if (this.s.regLambda > 0 && l < this.layers - 1) {
        const W = this.theta.subarray(at, at + inputs * units);
        const c = (2 * this.s.regLambda * m) / this.s.batchSize;
        for (let e = 0; e < gW.length; e++) gW[e] += c * W[e];
      }
      if (l === 0) break;
      // d act[l] = dz · W, then through dropout and ReLU: a unit passed the gradient iff its
      // output after dropout is positive, scaled as dropout scaled it.
      transpose(this.theta.subarray(at, at + inputs * units), kernel, units, inputs);
      const below = dz[l - 1];
      gemmABt(dz[l], kernel, below, m, inputs, units, null);
      const a = act[l];
      for (let e = 0; e < m * inputs; e++) below[e] = a[e] > 0 ? below[e] * keep : 0;
    }
  }

  /** One Adam step on all weights, bias corrections folded into the step size and ε. */
  private adam(): void {
    const { beta1, beta2, epsilon } = ADAM;
    this.t++;
    const c2 = Math.sqrt(1 - beta2 ** this.t);
    const step = (this.s.learningRate * c2) / (1 - beta1 ** this.t);
    const eps = epsilon * c2;
    const { theta, grad, m, v } = this;
    for (let i = 0; i < theta.length; i++) {
      const g = grad[i];
      const mi = beta1 * m[i] + (1 - beta1) * g;
      const vi = beta2 * v[i] + (1 - beta2) * g * g;
      m[i] = mi;
      v[i] = vi;
      theta[i] -= (step * mi) / (Math.sqrt(vi) + eps);
    }
  }
}

/** dz = (softmax(z) − one-hot(target)) / per for one row. */
function softmaxGrad(
  z: Float64Array,
  dz: Float64Array,
  at: number,
  k: number,
  target: number,
  per: number,
): void {
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, z[at + c]);
  let sum = 0;
  for (let c = 0; c < k; c++) sum += Math.exp(z[at + c] - max);
  for (let c = 0; c < k; c++) dz[at + c] = (Math.exp(z[at + c] - max) / sum - (c === target ? 1 : 0)) / per;
}
