/**
 * Linear and logistic regression with L2, L1 and elastic-net penalties on standardised
 * features, solved to convergence. Objective (per row): mean loss + reg_alpha·‖w‖₁ +
 * ½·reg_lambda·‖w‖² with an unpenalised intercept; the loss is ½·squared error for
 * regression and log loss for classification. Logistic models with a pure L2 penalty
 * (the default) use L-BFGS on the whole coefficient matrix at once (lbfgs.ts), whose
 * cost per step grows with rows·features·classes rather than with the Hessian's
 * (features·classes)²; with an L1 part they use proximal Newton (a weighted quadratic
 * per step, solved exactly, with a backtracking line search), multinomial cycling that
 * step over classes, as glmnet does. See docs/architecture.md, "Inside the training capability".
 */
import { ApiError } from '../../../../../shared/errors';
import type { FitHistory, ProgressHooks, Task, TrainParams } from '../../types';
import { minimiseLbfgs } from './lbfgs';
import { logisticLossGrad, logisticScratch } from './logistic-loss';
import { solveQuadratic, weightedGram } from './quadratic';

export interface LinearModel {
  task: Task;
  /** Rows of [intercept, w_1..w_d]: one for regression and binary, one per class for multiclass. */
  coef: Float64Array;
  nOut: number;
  d: number;
}

export const LINEAR_DEFAULTS = {
  reg_alpha: 0,
  reg_lambda: 1e-4,
  max_iter: 100,
  tol: 1e-7,
} satisfies TrainParams;

export function fitLinear(
  X: Float64Array[],
  y: Float64Array,
  task: Task,
  nClasses: number,
  params: TrainParams,
  hooks: ProgressHooks = {},
): { model: LinearModel; history: FitHistory } {
  const alpha = params.reg_alpha ?? LINEAR_DEFAULTS.reg_alpha;
  const lambda = params.reg_lambda ?? LINEAR_DEFAULTS.reg_lambda;
  const maxIter = params.max_iter ?? LINEAR_DEFAULTS.max_iter;
  const tol = params.tol ?? LINEAR_DEFAULTS.tol;
  const n = y.length;
  const d = X.length;
  const D = d + 1;
  if (n === 0)
    throw new ApiError(
      'INVALID_INPUT',
      'There are no training rows left to fit on; check the filters and the validation split.',
    );
  if (task === 'regression') {
    const { A, c } = weightedGram(X, null, y);
    const beta = new Float64Array(D);
    const { sweeps, converged } = solveQuadratic(
      A,
      c,
      alpha,
      lambda,
      beta,
      tol,
      Math.max(1000, maxIter * 10),
    );
    const model: LinearModel = { task, coef: beta, nOut: 1, d };
    const loss = objective(model, X, y, alpha, lambda);
    return { model, history: { iterations: sweeps, trainLoss: [loss], validLoss: [], converged } };
  }
  const nOut = task === 'multiclass' ? nClasses : 1;
  if (alpha === 0) return fitLogisticLbfgs(X, y, task, nOut, lambda, maxIter, tol, hooks);
  const coef = new Float64Array(nOut * D);
  const eta = new Float64Array(n * nOut);
  const s: NewtonState = {
    X,
    y,
    nOut,
    D,
    alpha,
    lambda,
    tol,
    coef,
    eta,
    f: penalisedLogLoss(eta, y, nOut, coef, D, alpha, lambda),
    w: new Float64Array(n),
    z: new Float64Array(n),
    p: new Float64Array(n),
  };
  const history: FitHistory = { iterations: 0, trainLoss: [], validLoss: [], converged: false };
  for (let iter = 1; iter <= maxIter; iter++) {
    if (hooks.isCancelled?.()) throw new ApiError('CANCELLED', 'Training was cancelled.');
    const start = coef.slice();
    for (let k = 0; k < nOut; k++) newtonStep(s, k);
    if (nOut > 1)
      s.f = centreClasses(coef, eta, nOut, D, alpha === 0, () =>
        penalisedLogLoss(eta, y, nOut, coef, D, alpha, lambda),
      );
    let maxStep = 0;
    for (let j = 0; j < coef.length; j++) maxStep = Math.max(maxStep, Math.abs(coef[j] - start[j]));
    history.iterations = iter;
    history.trainLoss.push(s.f);
    hooks.onProgress?.({ stage: 'Solving', iteration: iter, total: maxIter, trainLoss: s.f });
    if (maxStep < tol) {
      history.converged = true;
      break;
    }
  }
  return { model: { task, coef, nOut, d }, history };
}

/**
 * L-BFGS iterations are far cheaper than Newton's and each does less, so the budget is
 * this many times `max_iter` (which counts Newton iterations in the catalogue).
 */
const LBFGS_ITERATIONS_PER_NEWTON = 10;

/**
 * Also converged once the objective's gradient (of the mean loss, so independent of the
 * row count) has no entry above this many times `tol`: 1e-5 at the default tol, where
 * scikit-learn's L-BFGS stops at 1e-4 on the same scale. On digits 1e-5 took 49
 * iterations where the step test alone took 190, for a loss 4e-4 higher and accuracy
 * within 0.1 points (1e-4 took 26 and lost 0.2 points). A smaller tol tightens both.
 */
const LBFGS_GTOL_PER_TOL = 100;

function fitLogisticLbfgs(
  X: Float64Array[],
  y: Float64Array,
  task: Task,
  nOut: number,
  lambda: number,
  maxIter: number,
  tol: number,
  hooks: ProgressHooks,
): { model: LinearModel; history: FitHistory } {
  const d = X.length;
  const D = d + 1;
  const coef = new Float64Array(nOut * D);
  const problem = { X, y, nOut, lambda };
  const scratch = logisticScratch(nOut);
  const total = maxIter * LBFGS_ITERATIONS_PER_NEWTON;
  const history: FitHistory = { iterations: 0, trainLoss: [], validLoss: [], converged: false };
  let lastReport = 0;
  const result = minimiseLbfgs((c, g) => logisticLossGrad(problem, c, g, scratch), coef, {
    maxIter: total,
    gtol: tol * LBFGS_GTOL_PER_TOL,
    tol,
    isCancelled: hooks.isCancelled,
    onIteration: (iteration, f) => {
      history.trainLoss.push(f);
      const now = Date.now();
      if (hooks.onProgress && now - lastReport >= 250) {
        lastReport = now;
        hooks.onProgress({ stage: 'Solving', iteration, total, trainLoss: f });
      }
    },
  });
  if (hooks.isCancelled?.()) throw new ApiError('CANCELLED', 'Training was cancelled.');
  // Softmax ignores a shift shared by every class; the unpenalised intercepts may drift
  // along it, so they are centred (the weights are already, by the L2 penalty).
  if (nOut > 1) {
    let mean = 0;
    for (let k = 0; k < nOut; k++) mean += coef[k * D];
    mean /= nOut;
    for (let k = 0; k < nOut; k++) coef[k * D] -= mean;
  }
  history.iterations = result.iterations;
  history.converged = result.converged;
  return { model: { task, coef, nOut, d }, history };
}

/** The logistic fit between Newton steps; `f` is the penalised loss at (`coef`, `eta`). */
interface NewtonState {
  X: Float64Array[];
  y: Float64Array;
  nOut: number;
  D: number;
  alpha: number;
  lambda: number;
  tol: number;
  coef: Float64Array;
  /** Linear predictor per row and class (row-major). */
  eta: Float64Array;
  f: number;
  /** Scratch: IRLS weights, working response and probabilities per row. */
  w: Float64Array;
  z: Float64Array;
  p: Float64Array;
}

/** One proximal Newton step for class `k`, kept only where it lowers the loss. */
function newtonStep(s: NewtonState, k: number): void {
  const { X, y, nOut, D, alpha, lambda, coef, eta, w, z, p } = s;
  const n = y.length;
  classProbabilities(eta, nOut, k, p);
  for (let i = 0; i < n; i++) {
    const yi = nOut === 1 ? y[i] : y[i] === k ? 1 : 0;
    const wi = Math.max(p[i] * (1 - p[i]), 1e-10);
    w[i] = wi;
    z[i] = eta[i * nOut + k] + (yi - p[i]) / wi;
  }
  const { A, c } = weightedGram(X, w, z);
  const old = coef.slice(k * D, (k + 1) * D);
  const next = Float64Array.from(old);
  solveQuadratic(A, c, alpha, lambda, next, s.tol * 0.1);
  // Backtracking: the quadratic model can overshoot far from the optimum.
  let t = 1;
  const trial = Float64Array.from(eta);
  for (let ls = 0; ls < 30; ls++) {
    for (let j = 0; j < D; j++) coef[k * D + j] = old[j] + t * (next[j] - old[j]);
    updateEta(X, coef, k, D, nOut, trial);
    const ft = penalisedLogLoss(trial, y, nOut, coef, D, alpha, lambda);
    if (ft <= s.f + 1e-12 * Math.abs(s.f)) {
      s.f = ft;
      eta.set(trial);
      return;
    }
    t *= 0.5;
  }
  coef.set(old, k * D);
}

/**
 * Softmax is unchanged by adding the same amount to every class, so the class-wise
 * Newton steps can drift along that direction for many iterations. Removing the mean
 * over classes keeps the loss and (for the intercepts, or with pure L2) never raises
 * the penalty, and makes convergence fast.
 */
function centreClasses(
  coef: Float64Array,
  eta: Float64Array,
  nOut: number,
  D: number,
  allCoefficients: boolean,
  objectiveNow: () => number,
): number {
  let interceptMean = 0;
  for (let j = 0; j < (allCoefficients ? D : 1); j++) {
    let mean = 0;
    for (let k = 0; k < nOut; k++) mean += coef[k * D + j];
    mean /= nOut;
    if (j === 0) interceptMean = mean;
    for (let k = 0; k < nOut; k++) coef[k * D + j] -= mean;
  }
  const n = eta.length / nOut;
  if (!allCoefficients) {
    for (let i = 0; i < eta.length; i++) eta[i] -= interceptMean;
    return objectiveNow();
  }
  // With every coefficient centred, each row's predictor moves by its mean over classes.
  for (let i = 0; i < n; i++) {
    let mean = 0;
    for (let k = 0; k < nOut; k++) mean += eta[i * nOut + k];
    mean /= nOut;
    for (let k = 0; k < nOut; k++) eta[i * nOut + k] -= mean;
  }
  return objectiveNow();
}

/** Linear predictor for output k written into column k of eta (n × nOut). */
function updateEta(
  X: Float64Array[],
  coef: Float64Array,
  k: number,
  D: number,
  nOut: number,
  eta: Float64Array,
): void {
  const n = eta.length / nOut;
  const b = coef[k * D];
  for (let i = 0; i < n; i++) eta[i * nOut + k] = b;
  for (let j = 0; j < D - 1; j++) {
    const wj = coef[k * D + j + 1];
    if (wj === 0) continue;
    const x = X[j];
    for (let i = 0; i < n; i++) eta[i * nOut + k] += wj * x[i];
  }
}

function classProbabilities(eta: Float64Array, nOut: number, k: number, p: Float64Array): void {
  const n = p.length;
  if (nOut === 1) {
    for (let i = 0; i < n; i++) p[i] = 1 / (1 + Math.exp(-eta[i]));
    return;
  }
  for (let i = 0; i < n; i++) {
    const o = i * nOut;
    let max = -Infinity;
    for (let c = 0; c < nOut; c++) if (eta[o + c] > max) max = eta[o + c];
    let s = 0;
    for (let c = 0; c < nOut; c++) s += Math.exp(eta[o + c] - max);
    p[i] = Math.exp(eta[o + k] - max) / s;
  }
}

function penalty(coef: Float64Array, D: number, alpha: number, lambda: number): number {
  let l1 = 0;
  let l2 = 0;
  for (let j = 0; j < coef.length; j++) {
    if (j % D === 0) continue;
    l1 += Math.abs(coef[j]);
    l2 += coef[j] * coef[j];
  }
  return alpha * l1 + 0.5 * lambda * l2;
}

function penalisedLogLoss(
  eta: Float64Array,
  y: Float64Array,
  nOut: number,
  coef: Float64Array,
  D: number,
  alpha: number,
  lambda: number,
): number {
  const n = y.length;
  let s = 0;
  if (nOut === 1) {
    for (let i = 0; i < n; i++) {
      const m = y[i] === 1 ? -eta[i] : eta[i];
      s += m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
    }
  } else {
    for (let i = 0; i < n; i++) {
      const o = i * nOut;
      let max = -Infinity;
      for (let c = 0; c < nOut; c++) if (eta[o + c] > max) max = eta[o + c];
      let z = 0;
      for (let c = 0; c < nOut; c++) z += Math.exp(eta[o + c] - max);
      s += Math.log(z) + max - eta[o + y[i]];
    }
  }
  return s / n + penalty(coef, D, alpha, lambda);
}

function objective(
  model: LinearModel,
  X: Float64Array[],
  y: Float64Array,
  alpha: number,
  lambda: number,
): number {
  const pred = linearScores(model, X, y.length);
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i] - pred[i]) ** 2;
  return s / (2 * y.length) + penalty(model.coef, model.d + 1, alpha, lambda);
}

/** Linear predictor, n × nOut. */
export function linearScores(model: LinearModel, X: Float64Array[], n: number): Float64Array {
  const eta = new Float64Array(n * model.nOut);
  for (let k = 0; k < model.nOut; k++) updateEta(X, model.coef, k, model.d + 1, model.nOut, eta);
  return eta;
}
