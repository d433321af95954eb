/**
 * What the MLP's two trainers (js-trainer.ts for small networks, tfjs-trainer.ts for
 * large ones; mlp.ts picks) share, so that one seed gives both the same run up to float
 * rounding: the initial weights, the dropout masks, the order random numbers are drawn
 * in, and the interface the epoch loop and early stopping in mlp.ts drive.
 */
import type { Rng } from '../random';
import type { ProgressHooks, Task } from '../../types';

/** Kernel (inputs × units, row-major) then bias, per layer: the model's stored form. */
export type Weights = Float32Array[];

export interface TrainSettings {
  task: Task;
  hidden: number[];
  dropout: number;
  learningRate: number;
  batchSize: number;
  regLambda: number;
}

/** One epoch's context: the caller's generator, progress hooks and their clock. */
export interface EpochContext {
  rng: Rng;
  epoch: number;
  totalEpochs: number;
  hooks: ProgressHooks;
  /** When progress was last reported, shared with the caller's per-epoch report. */
  clock: { lastReport: number };
}

export interface Trainer {
  /**
   * One pass over the rows in `ctx.rng`'s order (an epoch's shuffle, then each step's
   * dropout masks, layer by layer); returns the mean training loss, with dropout.
   */
  epoch(ctx: EpochContext): number;
  /** Mean loss on the held-out rows without dropout (Infinity when there are none). */
  validLoss(): number;
  weights(): Weights;
  dispose(): void;
}

/** Adam's constants: tfjs's defaults (ε is its float32 epsilon). */
export const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

/** How often progress is reported within an epoch. */
export const PROGRESS_MS = 250;

/**
 * Initial weights drawn from `rng` in layer order, as tfjs's initialisers define them:
 * He normal (truncated at two standard deviations) for the ReLU layers, Glorot uniform
 * for the output, zero biases.
 */
export function initialWeights(widths: number[], rng: Rng): Weights {
  const out: Weights = [];
  for (let l = 0; l + 1 < widths.length; l++) {
    const fanIn = widths[l];
    const fanOut = widths[l + 1];
    const kernel = new Float32Array(fanIn * fanOut);
    if (l + 2 < widths.length) {
      const sd = Math.sqrt(2 / fanIn);
      for (let i = 0; i < kernel.length; i++) {
        let z = rng.normal();
        while (Math.abs(z) > 2) z = rng.normal();
        kernel[i] = z * sd;
      }
    } else {
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      for (let i = 0; i < kernel.length; i++) kernel[i] = (2 * rng.next() - 1) * limit;
    }
    out.push(kernel, new Float32Array(fanOut));
  }
  return out;
}

/** The epoch's row order. */
export function shuffledRows(rng: Rng, n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return rng.shuffle(order);
}

/**
 * Whether each of `size` units is dropped (probability `rate`): one 32-bit draw per unit,
 * row-major, whatever the unit's value, so both trainers consume the generator alike.
 */
export function dropDraw(rng: Rng, rate: number): boolean {
  return rng.nextU32() < rate * 4294967296;
}

/** Per-row loss of output `z` (logits, nOut per row) against a target; summed by the caller. */
export function rowLoss(task: Task, z: Float64Array, at: number, nOut: number, target: number): number {
  if (task === 'regression') return (z[at] - target) ** 2;
  if (task === 'binary') {
    const v = z[at];
    return Math.max(v, 0) - v * target + Math.log1p(Math.exp(-Math.abs(v)));
  }
  let max = -Infinity;
  for (let c = 0; c < nOut; c++) max = Math.max(max, z[at + c]);
  let sum = 0;
  for (let c = 0; c < nOut; c++) sum += Math.exp(z[at + c] - max);
  return max + Math.log(sum) - z[at + target];
}
