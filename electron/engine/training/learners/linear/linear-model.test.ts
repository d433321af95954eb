import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../random';
import { fitLinear, linearScores } from './linear-model';

function design(n: number, d: number, seed: number): Float64Array[] {
  const rng = new Rng(seed);
  return Array.from({ length: d }, () => Float64Array.from({ length: n }, () => rng.normal()));
}

test('linear regression recovers a linear relation', () => {
  const X = design(500, 3, 1);
  const rng = new Rng(2);
  const y = Float64Array.from(
    { length: 500 },
    (_, i) => 4 + 2 * X[0][i] - 3 * X[1][i] + 0.5 * X[2][i] + 0.01 * rng.normal(),
  );
  const { model, history } = fitLinear(X, y, 'regression', 0, { reg_lambda: 0 });
  assert.ok(history.converged);
  const expect = [4, 2, -3, 0.5];
  expect.forEach((e, j) => assert.ok(Math.abs(model.coef[j] - e) < 0.01, `coef ${j} = ${model.coef[j]}`));
});

test('L1 drives an irrelevant coefficient to exactly zero', () => {
  const X = design(400, 3, 3);
  const y = Float64Array.from({ length: 400 }, (_, i) => 1 + 2 * X[0][i] + 0.05 * X[2][i]);
  const { model } = fitLinear(X, y, 'regression', 0, { reg_alpha: 0.1, reg_lambda: 0 });
  assert.equal(model.coef[2], 0);
  assert.equal(model.coef[3], 0);
  assert.ok(model.coef[1] > 1.5);
});

/** An independent dense Newton solve of mean logloss + ½λ‖w‖² (intercept unpenalised). */
function newtonLogistic(X: Float64Array[], y: Float64Array, lambda: number): number[] {
  const n = y.length;
  const D = X.length + 1;
  const row = (i: number): number[] => [1, ...X.map((c) => c[i])];
  let beta = new Array<number>(D).fill(0);
  for (let it = 0; it < 50; it++) {
    const grad = new Array<number>(D).fill(0);
    const H = Array.from({ length: D }, () => new Array<number>(D).fill(0));
    for (let i = 0; i < n; i++) {
      const x = row(i);
      const p = 1 / (1 + Math.exp(-x.reduce((a, v, j) => a + v * beta[j], 0)));
      for (let a = 0; a < D; a++) {
        grad[a] += ((p - y[i]) * x[a]) / n;
        for (let b = 0; b < D; b++) H[a][b] += (p * (1 - p) * x[a] * x[b]) / n;
      }
    }
    for (let a = 1; a < D; a++) {
      grad[a] += lambda * beta[a];
      H[a][a] += lambda;
    }
    // Gaussian elimination for H·step = grad.
    const M = H.map((r, a) => [...r, grad[a]]);
    for (let c = 0; c < D; c++) {
      let piv = c;
      for (let r = c + 1; r < D; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r;
      [M[c], M[piv]] = [M[piv], M[c]];
      for (let r = 0; r < D; r++) {
        if (r === c) continue;
        const f = M[r][c] / M[c][c];
        for (let k = c; k <= D; k++) M[r][k] -= f * M[c][k];
      }
    }
    const step = M.map((r, a) => r[D] / M[a][a]);
    beta = beta.map((b, j) => b - step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-12) break;
  }
  return beta;
}

test('logistic coefficients equal an independent Newton solve', () => {
  const X = design(300, 3, 5);
  const rng = new Rng(6);
  const y = Float64Array.from({ length: 300 }, (_, i) =>
    rng.next() < 1 / (1 + Math.exp(-(0.5 + X[0][i] - 2 * X[1][i]))) ? 1 : 0,
  );
  for (const lambda of [0, 0.01]) {
    const { model, history } = fitLinear(X, y, 'binary', 2, { reg_lambda: lambda, reg_alpha: 0, tol: 1e-10 });
    assert.ok(history.converged);
    const ref = newtonLogistic(X, y, lambda);
    ref.forEach((r, j) =>
      assert.ok(Math.abs(model.coef[j] - r) < 1e-4, `λ=${lambda} coef ${j}: ${model.coef[j]} vs ${r}`),
    );
  }
});

test('multinomial logistic separates three classes and converges', () => {
  const X = design(600, 2, 9);
  const rng = new Rng(10);
  // Overlapping classes (as real data has); separable data would send the weights towards infinity.
  const y = Float64Array.from({ length: 600 }, (_, i) =>
    X[0][i] + 0.5 * rng.normal() > 0.5 ? 2 : X[1][i] + 0.5 * rng.normal() > 0 ? 1 : 0,
  );
  const { model, history } = fitLinear(X, y, 'multiclass', 3, { reg_lambda: 1e-3 });
  assert.ok(history.converged, `iterations ${history.iterations}`);
  const eta = linearScores(model, X, 600);
  let correct = 0;
  for (let i = 0; i < 600; i++) {
    let best = 0;
    for (let k = 1; k < 3; k++) if (eta[i * 3 + k] > eta[i * 3 + best]) best = k;
    if (best === y[i]) correct++;
  }
  assert.ok(correct / 600 > 0.75, `accuracy ${correct / 600}`);
});

test('multinomial L-BFGS (pure L2) agrees with proximal Newton and meets the optimality condition', () => {
  const n = 400;
  const X = design(n, 4, 11);
  const rng = new Rng(12);
  const y = Float64Array.from({ length: n }, (_, i) => {
    const s = [X[0][i], X[1][i] - X[2][i], 0.5 * X[3][i]].map((v) => v + rng.normal());
    return s.indexOf(Math.max(...s));
  });
  const lambda = 0.01;
  const quasi = fitLinear(X, y, 'multiclass', 3, { reg_lambda: lambda, reg_alpha: 0, tol: 1e-9 });
  // A negligible L1 term sends the fit down the proximal Newton path instead.
  const newton = fitLinear(X, y, 'multiclass', 3, { reg_lambda: lambda, reg_alpha: 1e-12, tol: 1e-10 });
  assert.ok(quasi.history.converged);
  quasi.model.coef.forEach((c, j) =>
    assert.ok(Math.abs(c - newton.model.coef[j]) < 1e-5, `coef ${j}: ${c} vs ${newton.model.coef[j]}`),
  );
  // Independent gradient of mean log loss + ½λ‖w‖² at the solution, row by row.
  const D = 5;
  const eta = linearScores(quasi.model, X, n);
  const grad = new Float64Array(3 * D);
  for (let i = 0; i < n; i++) {
    const e = [0, 1, 2].map((k) => Math.exp(eta[i * 3 + k]));
    const z = e[0] + e[1] + e[2];
    for (let k = 0; k < 3; k++) {
      const r = e[k] / z - (y[i] === k ? 1 : 0);
      grad[k * D] += r / n;
      for (let j = 0; j < 4; j++) grad[k * D + 1 + j] += (r * X[j][i]) / n;
    }
  }
  for (let k = 0; k < 3; k++)
    for (let j = 1; j < D; j++) grad[k * D + j] += lambda * quasi.model.coef[k * D + j];
  grad.forEach((g, j) => assert.ok(Math.abs(g) < 1e-6, `gradient ${j} = ${g}`));
});
