/**
 * Limited-memory BFGS for the smooth logistic objectives (pure L2 penalty). A full
 * Newton step on the multinomial log loss forms a (classes·features)² Hessian, which
 * made many-class tables slow (see docs/architecture.md, "Inside the training capability"); L-BFGS
 * needs only the gradient, O(rows·features·classes) per evaluation, and converges in
 * tens to a few hundred evaluations on the problems here. No npm package fits: the
 * ones listed are unmaintained or allocate per iteration, and this is ~100 lines.
 * Line search: backtracking on the Armijo condition, which suffices for the convex
 * losses it serves; a pair whose curvature is not positive is skipped.
 */

/** Writes the gradient at x into g and returns the objective. */
export type ObjectiveGradient = (x: Float64Array, g: Float64Array) => number;

export interface LbfgsOptions {
  maxIter: number;
  /** Converged when the step the quasi-Newton model proposes moves no coordinate more than this. */
  tol: number;
  /** Also converged when the gradient's largest entry is below this. */
  gtol?: number;
  memory?: number;
  isCancelled?: () => boolean;
  onIteration?: (iteration: number, f: number) => void;
}

export interface LbfgsResult {
  f: number;
  iterations: number;
  converged: boolean;
}

/** Minimises from `x` (overwritten with the minimiser). Throws what `isCancelled` handling throws. */
export function minimiseLbfgs(fg: ObjectiveGradient, x: Float64Array, o: LbfgsOptions): LbfgsResult {
  const n = x.length;
  const m = o.memory ?? 20;
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alphaBuf = new Float64Array(m);
  let g = new Float64Array(n);
  let gNext = new Float64Array(n);
  const dir = new Float64Array(n);
  const xNext = new Float64Array(n);
  let f = fg(x, g);
  const gtol = o.gtol ?? 0;
  for (let iter = 1; iter <= o.maxIter; iter++) {
    if (o.isCancelled?.()) return { f, iterations: iter - 1, converged: false };
    if (maxAbs(g) <= gtol) return { f, iterations: iter - 1, converged: true };
    twoLoop(g, S, Y, rho, alphaBuf, dir);
    let slope = dot(g, dir);
    if (!(slope < 0)) {
      // The model lost positive curvature (numerically); restart from steepest descent.
      S.length = Y.length = rho.length = 0;
      for (let i = 0; i < n; i++) dir[i] = -g[i];
      slope = -dot(g, g);
    }
    // The first step has no curvature scale yet, so it is kept short.
    let t = S.length === 0 ? Math.min(1, 1 / Math.max(1e-12, maxAbs(g))) : 1;
    let fNext = f;
    let accepted = false;
    for (let ls = 0; ls < 40; ls++) {
      for (let i = 0; i < n; i++) xNext[i] = x[i] + t * dir[i];
      fNext = fg(xNext, gNext);
      if (fNext <= f + 1e-4 * t * slope) {
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) return { f, iterations: iter, converged: false };
    const s = new Float64Array(n);
    const yv = new Float64Array(n);
    let stepMax = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xNext[i] - x[i];
      yv[i] = gNext[i] - g[i];
      stepMax = Math.max(stepMax, Math.abs(s[i]));
    }
    const sy = dot(s, yv);
    if (sy > 1e-12 * dot(yv, yv)) {
      if (S.length === m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(yv);
      rho.push(1 / sy);
    }
    x.set(xNext);
    [g, gNext] = [gNext, g];
    const fPrev = f;
    f = fNext;
    o.onIteration?.(iter, f);
    // A full quasi-Newton step (t = 1) that moves nothing more than tol: the model says
    // the minimum is within tol. A stalled objective ends it as well.
    if ((t === 1 && stepMax < o.tol) || fPrev - f <= 1e-15 * Math.max(1, Math.abs(f)))
      return { f, iterations: iter, converged: true };
  }
  return { f, iterations: o.maxIter, converged: false };
}

/** dir = −H·g with H the L-BFGS inverse-Hessian estimate (Nocedal & Wright, Algorithm 7.4). */
function twoLoop(
  g: Float64Array,
  S: Float64Array[],
  Y: Float64Array[],
  rho: number[],
  alpha: Float64Array,
  dir: Float64Array,
): void {
  const n = g.length;
  for (let i = 0; i < n; i++) dir[i] = -g[i];
  for (let k = S.length - 1; k >= 0; k--) {
    const a = rho[k] * dot(S[k], dir);
    alpha[k] = a;
    const y = Y[k];
    for (let i = 0; i < n; i++) dir[i] -= a * y[i];
  }
  if (S.length > 0) {
    const last = S.length - 1;
    const gamma = 1 / (rho[last] * dot(Y[last], Y[last]));
    for (let i = 0; i < n; i++) dir[i] *= gamma;
  }
  for (let k = 0; k < S.length; k++) {
    const b = rho[k] * dot(Y[k], dir);
    const s = S[k];
    const c = alpha[k] - b;
    for (let i = 0; i < n; i++) dir[i] += c * s[i];
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}
