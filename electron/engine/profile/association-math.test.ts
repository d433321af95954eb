import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  averageRanks,
  contingency,
  correlationRatio,
  cramersV,
  medianAbsoluteDeviation,
  pearson,
  spearman,
} from './association-math';
import { chiSquaredPValue } from './chi-squared';

const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);
const close = (a: number | null, b: number, eps = 1e-12): void => {
  assert.ok(a !== null && Math.abs(a - b) <= eps, `${a} ≉ ${b}`);
};

test('Spearman of a monotone nonlinear relation is exactly 1 (and −1 reversed)', () => {
  const x = f64(Array.from({ length: 50 }, (_, i) => i - 20));
  const y = f64([...x].map((v) => Math.exp(v / 3) + v ** 3));
  close(spearman(x, y), 1);
  close(spearman(x, f64([...y].map((v) => -v))), -1);
  // Pearson is below 1 on the same data.
  assert.ok((pearson(x, y) ?? 1) < 0.99);
});

test('average ranks share ties and skip NaN', () => {
  assert.deepEqual([...averageRanks(f64([10, 20, 20, Number.NaN, 5]))], [2, 3.5, 3.5, Number.NaN, 1]);
});

test('Pearson uses pairwise-complete rows and is undefined for a constant', () => {
  close(pearson(f64([1, 2, Number.NaN, 4]), f64([2, 4, 100, 8])), 1);
  assert.equal(pearson(f64([3, 3, 3]), f64([1, 2, 3])), null);
  // Large offsets lose nothing.
  close(
    pearson(f64([1e9 + 1, 1e9 + 2, 1e9 + 3]), f64([1, 2, 3.5])),
    pearson(f64([1, 2, 3]), f64([1, 2, 3.5]))!,
    1e-9,
  );
});

test("Cramér's V on a known contingency table (Bergsma bias correction)", () => {
  // 2×3 table, computed by hand below with the textbook formulas.
  const table = [10, 20, 30, 25, 15, 5];
  const n = 105;
  const rowSums = [60, 45];
  const colSums = [35, 35, 35];
  let chi2 = 0;
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 3; j++) {
      const e = (rowSums[i] * colSums[j]) / n;
      chi2 += (table[i * 3 + j] - e) ** 2 / e;
    }
  }
  const phi2 = chi2 / n;
  const phi2c = Math.max(0, phi2 - (2 * 1) / (n - 1));
  const rc = 2 - 1 / (n - 1);
  const kc = 3 - 4 / (n - 1);
  close(cramersV(table, 2, 3), Math.sqrt(phi2c / Math.min(rc - 1, kc - 1)));
  // Uncorrected V for reference is larger.
  assert.ok(Math.sqrt(phi2 / 1) > (cramersV(table, 2, 3) ?? 1));
  // Perfect association → 1; independence → 0.
  close(cramersV([50, 0, 0, 50], 2, 2), 1);
  close(cramersV([25, 25, 25, 25], 2, 2), 0);
});

test('contingency counts only rows where both are present', () => {
  const { table, n } = contingency(Int32Array.from([0, 1, -1, 1]), 2, Int32Array.from([1, 1, 0, -1]), 2);
  assert.equal(n, 2);
  assert.deepEqual([...table], [0, 1, 0, 1]);
});

test('correlation ratio η on a known case', () => {
  // Groups a: 1,2,3 (mean 2); b: 7,8,9 (mean 8); grand mean 5.
  // SS between = 3·9 + 3·9 = 54; SS within = 2 + 2 = 4; η = √(54/58).
  const groups = Int32Array.from([0, 0, 0, 1, 1, 1, -1]);
  const values = f64([1, 2, 3, 7, 8, 9, 100]);
  close(correlationRatio(groups, 2, values), Math.sqrt(54 / 58));
  close(correlationRatio(Int32Array.from([0, 1, 0, 1]), 2, f64([5, 5, 5, 5])) ?? 0, 0);
});

test('MAD is the median of absolute deviations from the median', () => {
  // median 3; |x − 3| = 2,1,0,1,6 → median 1.
  close(medianAbsoluteDeviation(f64([1, 2, 3, 4, 9])), 1);
});

test('χ² p-values match known quantiles', () => {
  close(chiSquaredPValue(3.841458820694124, 1), 0.05, 1e-7);
  close(chiSquaredPValue(18.307038053275146, 10), 0.05, 1e-7);
  close(chiSquaredPValue(0, 5), 1);
});
