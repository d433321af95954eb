/**
 * The inner problem every linear model here reduces to: minimise
 * ½ βᵀAβ − cᵀβ + Σ_j (α_j|β_j| + ½λ_j β_j²) for a small dense A (features × features).
 * Pure L2 is solved exactly by Cholesky; with L1 it is coordinate descent, which
 * handles the non-smooth term exactly. Forming A is the only O(n·d²) step, done in row
 * blocks so the columns being multiplied stay in cache.
 */

/** A = (1/n) Σ w_i x̃_i x̃_iᵀ and c = (1/n) Σ w_i z_i x̃_i, where x̃ = [1, x]. Row-major (d+1)². */
export function weightedGram(
  X: Float64Array[],
  w: Float64Array | null,
  z: Float64Array,
): { A: Float64Array; c: Float64Array } {
  const d = X.length;
  const n = z.length;
  const D = d + 1;
  const A = new Float64Array(D * D);
  const c = new Float64Array(D);
  const BLOCK = 2048;
  const wx = new Float64Array(BLOCK);
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const i1 = Math.min(n, i0 + BLOCK);
    const len = i1 - i0;
    // Column "−1" is the intercept's constant 1.
    for (let a = -1; a < d; a++) {
      for (let k = 0; k < len; k++) {
        const i = i0 + k;
        wx[k] = (w ? w[i] : 1) * (a < 0 ? 1 : X[a][i]);
      }
      let sc = 0;
      for (let k = 0; k < len; k++) sc += wx[k] * z[i0 + k];
      c[a + 1] += sc;
      for (let b = -1; b <= a; b++) {
        let s = 0;
        if (b < 0) for (let k = 0; k < len; k++) s += wx[k];
        else {
          const xb = X[b];
          for (let k = 0; k < len; k++) s += wx[k] * xb[i0 + k];
        }
        A[(a + 1) * D + (b + 1)] += s;
      }
    }
  }
  for (let a = 0; a < D; a++) {
    c[a] /= n;
    for (let b = 0; b <= a; b++) {
      const v = A[a * D + b] / n;
      A[a * D + b] = v;
      A[b * D + a] = v;
    }
  }
  return { A, c };
}

/**
 * Minimises the quadratic with per-coordinate penalties (index 0, the intercept, is
 * unpenalised). Starts from `beta` (warm start) and overwrites it.
 */
export function solveQuadratic(
  A: Float64Array,
  c: Float64Array,
  alpha: number,
  lambda: number,
  beta: Float64Array,
  tol: number,
  maxSweeps = 1000,
): { sweeps: number; converged: boolean } {
  const D = c.length;
  if (alpha === 0) {
    const M = Float64Array.from(A);
    for (let j = 1; j < D; j++) M[j * D + j] += lambda;
    // A tiny ridge keeps Cholesky defined for constant or duplicated columns.
    for (let j = 0; j < D; j++) M[j * D + j] += 1e-12;
    if (choleskySolve(M, c, beta, D)) return { sweeps: 1, converged: true };
  }
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    let maxDelta = 0;
    for (let j = 0; j < D; j++) {
      let rho = c[j];
      const row = j * D;
      for (let k = 0; k < D; k++) if (k !== j) rho -= A[row + k] * beta[k];
      const diag = A[row + j] + (j === 0 ? 0 : lambda);
      if (diag <= 0) continue;
      const a = j === 0 ? 0 : alpha;
      const next = (rho > a ? rho - a : rho < -a ? rho + a : 0) / diag;
      const delta = Math.abs(next - beta[j]);
      if (delta > maxDelta) maxDelta = delta;
      beta[j] = next;
    }
    if (maxDelta < tol) return { sweeps: sweep, converged: true };
  }
  return { sweeps: maxSweeps, converged: false };
}

/** Solves M x = b for symmetric positive-definite M (overwritten); false if M is not PD. */
function choleskySolve(M: Float64Array, b: Float64Array, x: Float64Array, D: number): boolean {
  for (let j = 0; j < D; j++) {
    let s = M[j * D + j];
    for (let k = 0; k < j; k++) s -= M[j * D + k] * M[j * D + k];
    if (!(s > 0)) return false;
    const l = Math.sqrt(s);
    M[j * D + j] = l;
    for (let i = j + 1; i < D; i++) {
      let t = M[i * D + j];
      for (let k = 0; k < j; k++) t -= M[i * D + k] * M[j * D + k];
      M[i * D + j] = t / l;
    }
  }
  const y = new Float64Array(D);
  for (let i = 0; i < D; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= M[i * D + k] * y[k];
    y[i] = s / M[i * D + i];
  }
  for (let i = D - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < D; k++) s -= M[k * D + i] * x[k];
    x[i] = s / M[i * D + i];
  }
  return true;
}
