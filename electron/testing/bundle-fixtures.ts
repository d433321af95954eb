/**
 * Test support for model bundles: a small synthetic churn table (numbers and text with missing
 * values, a yes/no target) and a check that two prediction CSVs agree (labels exactly,
 * probabilities and regression predictions within 1e-5).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';

/** 300 rows: two numbers (some missing), a text column (some missing), a yes/no target. */
export function writeSyntheticCsv(file: string): void {
  const lines = ['x0,x1,city,churn'];
  let s = 7;
  const rand = (): number => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 300; i++) {
    const x0 = rand() * 10 - 5;
    const x1 = rand() * 4;
    const city = ['paris', 'oslo', 'rome', 'lima'][Math.floor(rand() * 4)]!;
    const z = x0 + (city === 'oslo' ? 2 : 0) - x1 + rand() * 2;
    lines.push(
      `${i % 17 === 0 ? '' : x0.toFixed(3)},${x1.toFixed(3)},${i % 13 === 0 ? '' : city},${z > 0 ? 'yes' : 'no'}`,
    );
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

function readCsv(file: string): string[][] {
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
}

/** The prediction columns of two CSVs agree: probabilities and regression within 1e-5, labels exactly. */
export function assertSamePredictions(a: string, b: string): void {
  const x = readCsv(a);
  const y = readCsv(b);
  assert.equal(x.length, y.length);
  assert.deepEqual(x[0], y[0]);
  const at = x[0]!.indexOf('prediction');
  // Regression: the prediction is a number (within 1e-5, relative beyond 1); else a label.
  const numeric = x[0]!.length === at + 1;
  for (let r = 1; r < x.length; r++) {
    if (numeric) {
      const [a, b] = [Number(x[r]![at]), Number(y[r]![at])];
      assert.ok(Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(a)), `prediction of row ${r}: ${a} vs ${b}`);
      continue;
    }
    assert.equal(x[r]![at], y[r]![at], `label of row ${r}`);
    for (let c = at + 1; c < x[0]!.length; c++) {
      assert.ok(Math.abs(Number(x[r]![c]) - Number(y[r]![c])) <= 1e-5, `row ${r} column ${x[0]![c]}`);
    }
  }
}
