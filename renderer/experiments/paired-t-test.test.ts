import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { correctedPairedTTest, studentTwoSided } from './paired-t-test';

describe('corrected paired t-test', () => {
  it('matches Student-t tail values from tables', () => {
    // t = 2.776 with 4 df is the two-sided 5% critical value; t = 4.604 the 1% one.
    assert.ok(Math.abs(studentTwoSided(2.776, 4) - 0.05) < 5e-4);
    assert.ok(Math.abs(studentTwoSided(4.604, 4) - 0.01) < 5e-4);
    assert.ok(Math.abs(studentTwoSided(1.96, 1e6) - 0.05) < 5e-4);
    assert.equal(studentTwoSided(0, 3), 1);
  });

  it('is more cautious than the plain paired test (Nadeau–Bengio correction)', () => {
    const a = [0.91, 0.93, 0.92, 0.94, 0.9];
    const b = [0.9, 0.915, 0.91, 0.925, 0.895];
    const test = correctedPairedTTest(a, b)!;
    const d = a.map((x, i) => x - b[i]!);
    const mean = d.reduce((s, x) => s + x, 0) / 5;
    const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / 4);
    const plainT = mean / (sd / Math.sqrt(5));
    assert.ok(Math.abs(test.meanDifference - mean) < 1e-12);
    assert.ok(Math.abs(test.t - plainT / Math.sqrt(5 * (1 / 5 + 1 / 4))) < 1e-9);
    assert.ok(test.pValue > studentTwoSided(plainT, 4));
    assert.equal(correctedPairedTTest([1], [2]), null);
  });
});
