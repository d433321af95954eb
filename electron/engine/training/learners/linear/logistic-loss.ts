/**
 * The logistic objective and its gradient in one pass over the rows, for L-BFGS
 * (lbfgs.ts): mean log loss (sigmoid for one output, softmax over classes) plus
 * ½·λ·‖w‖² with unpenalised intercepts. Rows go in blocks so a block's linear predictors
 * and each feature column's slice stay in cache while every class uses them; the
 * columns are read once per evaluation whatever the class count. See
 * docs/architecture.md, "Inside the training capability".
 */

const BLOCK = 1024;

export interface LogisticProblem {
  /** Standardised feature columns. */
  X: Float64Array[];
  /** Class index (0/1 for one output). */
  y: Float64Array;
  /** Outputs: 1 for binary, the class count for multinomial. */
  nOut: number;
  lambda: number;
}

/**
 * Returns the objective at `coef` (nOut rows of [intercept, w_1..w_d]) and writes its
 * gradient into `grad`. `scratch` is reused between calls (see `logisticScratch`).
 */
export function logisticLossGrad(
  p: LogisticProblem,
  coef: Float64Array,
  grad: Float64Array,
  scratch: Float64Array,
): number {
  const { X, y, nOut: K, lambda } = p;
  const n = y.length;
  const d = X.length;
  const D = d + 1;
  grad.fill(0);
  let loss = 0;
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const len = Math.min(BLOCK, n - i0);
    // scratch holds the block's predictors class-major: scratch[k·BLOCK + t].
    for (let k = 0; k < K; k++) scratch.fill(coef[k * D], k * BLOCK, k * BLOCK + len);
    addPredictors(X, coef, K, D, scratch, i0, len);
    loss += K === 1 ? sigmoidResiduals(scratch, y, i0, len) : softmaxResiduals(scratch, y, K, i0, len);
    // scratch now holds p − onehot(y); the gradient is its product with [1, X].
    for (let k = 0; k < K; k++) {
      const o = k * BLOCK;
      let s = 0;
      for (let t = 0; t < len; t++) s += scratch[o + t];
      grad[k * D] += s;
    }
    addGradient(X, scratch, K, D, grad, i0, len);
  }
  let pen = 0;
  for (let c = 0; c < coef.length; c++) {
    grad[c] /= n;
    if (c % D === 0) continue;
    pen += coef[c] * coef[c];
    grad[c] += lambda * coef[c];
  }
  return loss / n + 0.5 * lambda * pen;
}

/**
 * scratch[k·BLOCK + t] += Σ_j w_kj·x_j[i0 + t], four features at a time so each pass
 * over a class's predictors does four multiply-adds per load and store.
 */
function addPredictors(
  X: Float64Array[],
  coef: Float64Array,
  K: number,
  D: number,
  scratch: Float64Array,
  i0: number,
  len: number,
): void {
  const d = X.length;
  let j = 0;
  for (; j + 4 <= d; j += 4) {
    const [x0, x1, x2, x3] = [X[j], X[j + 1], X[j + 2], X[j + 3]];
    for (let k = 0; k < K; k++) {
      const c = k * D + 1 + j;
      const [w0, w1, w2, w3] = [coef[c], coef[c + 1], coef[c + 2], coef[c + 3]];
      const o = k * BLOCK - i0;
      for (let i = i0; i < i0 + len; i++) scratch[o + i] += w0 * x0[i] + w1 * x1[i] + w2 * x2[i] + w3 * x3[i];
    }
  }
  for (; j < d; j++) {
    const x = X[j];
    for (let k = 0; k < K; k++) {
      const w = coef[k * D + 1 + j];
      const o = k * BLOCK - i0;
      for (let i = i0; i < i0 + len; i++) scratch[o + i] += w * x[i];
    }
  }
}

/** grad[k, 1 + j] += Σ_t r_k[t]·x_j[i0 + t] for the residuals r in scratch, four features at a time. */
function addGradient(
  X: Float64Array[],
  scratch: Float64Array,
  K: number,
  D: number,
  grad: Float64Array,
  i0: number,
  len: number,
): void {
  const d = X.length;
  let j = 0;
  for (; j + 4 <= d; j += 4) {
    const [x0, x1, x2, x3] = [X[j], X[j + 1], X[j + 2], X[j + 3]];
    for (let k = 0; k < K; k++) {
      const o = k * BLOCK - i0;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = i0; i < i0 + len; i++) {
        const r = scratch[o + i];
        s0 += r * x0[i];
        s1 += r * x1[i];
        s2 += r * x2[i];
        s3 += r * x3[i];
      }
      const c = k * D + 1 + j;
      grad[c] += s0;
      grad[c + 1] += s1;
      grad[c + 2] += s2;
      grad[c + 3] += s3;
    }
  }
  for (; j < d; j++) {
    const x = X[j];
    for (let k = 0; k < K; k++) {
      const o = k * BLOCK - i0;
      let s = 0;
      for (let i = i0; i < i0 + len; i++) s += scratch[o + i] * x[i];
      grad[k * D + 1 + j] += s;
    }
  }
}

export function logisticScratch(nOut: number): Float64Array {
  return new Float64Array(nOut * BLOCK);
}

/** Log loss of a block of one-output predictors; leaves sigmoid(η) − y in their place. */
function sigmoidResiduals(eta: Float64Array, y: Float64Array, i0: number, len: number): number {
  let loss = 0;
  for (let t = 0; t < len; t++) {
    const e = eta[t];
    const yi = y[i0 + t];
    const m = yi === 1 ? -e : e;
    loss += m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
    eta[t] = 1 / (1 + Math.exp(-e)) - yi;
  }
  return loss;
}

/** Log loss of a block of softmax predictors; leaves softmax(η) − onehot(y) in their place. */
function softmaxResiduals(eta: Float64Array, y: Float64Array, K: number, i0: number, len: number): number {
  let loss = 0;
  for (let t = 0; t < len; t++) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, eta[k * BLOCK + t]);
    const yi = y[i0 + t];
    const ey = eta[yi * BLOCK + t];
    let z = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp(eta[k * BLOCK + t] - max);
      eta[k * BLOCK + t] = e;
      z += e;
    }
    loss += Math.log(z) + max - ey;
    const inv = 1 / z;
    for (let k = 0; k < K; k++) eta[k * BLOCK + t] *= inv;
    eta[yi * BLOCK + t] -= 1;
  }
  return loss;
}
