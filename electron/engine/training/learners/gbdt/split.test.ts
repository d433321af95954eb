import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../random';
import { binMatrix, fitBinMappers } from './binning';
import { buildHistogram, histLayout } from './histogram';
import { SplitFinder, type SplitParams } from './split';

const params: SplitParams = {
  lambda: 0,
  alpha: 0,
  minChildSamples: 1,
  minChildWeight: 0,
  minSplitGain: 0,
  catSmooth: 0,
};

function bestSplit(x: number[], g: number[], p: SplitParams, categorical = false) {
  const X = [Float64Array.from(x)];
  const features = [
    {
      name: 'x',
      source: 'x',
      categorical,
      nCategories: categorical ? Math.max(...x.filter((v) => v === v)) + 1 : 0,
    },
  ];
  const mappers = fitBinMappers(X, features, 255, new Rng(1));
  const data = binMatrix(X, mappers);
  const layout = histLayout(mappers, 1);
  const hist = new Float64Array(layout.size);
  const n = x.length;
  const G = Float64Array.from(g);
  const H = new Float64Array(n).fill(1);
  const idx = Uint32Array.from({ length: n }, (_, i) => i);
  buildHistogram(hist, layout, data.bins, n, Int32Array.of(0), idx, 0, n, G, H, true);
  const split = new SplitFinder(layout, p).find(
    hist,
    Int32Array.of(0),
    { G: Float64Array.of(g.reduce((a, b) => a + b, 0)), H: n, count: n },
    null,
  );
  return { split, mappers };
}

test('the best numeric split and its gain match a hand computation', () => {
  // Squared-error gradients at the mean 3 of targets [1,1,1,5,5,5]: g = F − y.
  const { split, mappers } = bestSplit([1, 2, 3, 4, 5, 6], [2, 2, 2, -2, -2, -2], params);
  assert.ok(split);
  // Left {1,2,3}: G=6, H=3; right: G=−6, H=3; parent G=0 → gain = 36/3 + 36/3 − 0 = 24.
  assert.equal(split.gain, 24);
  assert.equal(mappers[0].edges[split.bin], 3.5);
  assert.equal(split.leftCount, 3);
  // With λ = 1: 36/4 + 36/4 − 0 = 18.
  assert.equal(
    bestSplit([1, 2, 3, 4, 5, 6], [2, 2, 2, -2, -2, -2], { ...params, lambda: 1 }).split?.gain,
    18,
  );
  // L1 soft-thresholds G by α = 1: (5²)/3 · 2 = 50/3.
  assert.ok(
    Math.abs(
      (bestSplit([1, 2, 3, 4, 5, 6], [2, 2, 2, -2, -2, -2], { ...params, alpha: 1 }).split?.gain ?? 0) -
        50 / 3,
    ) < 1e-12,
  );
});

test('uneven split: the threshold with the largest gain wins', () => {
  // g = [3, 1, -1, -1, -1, -1]: candidates after x=1: 9/1 + 9/5 = 10.8; after x=2: 16/2 + 16/4 = 12 (best); after x=3: 9/3+9/3=6.
  const { split, mappers } = bestSplit([1, 2, 3, 4, 5, 6], [3, 1, -1, -1, -1, -1], params);
  assert.equal(split?.gain, 12);
  assert.equal(mappers[0].edges[split!.bin], 2.5);
});

test('missing values learn the direction that helps: NaN rows join the side they resemble', () => {
  // NaN rows have gradients like the right side (−2), so sending them right gains more.
  const { split } = bestSplit([1, 2, 3, 4, 5, 6, NaN, NaN], [2, 2, 2, -2, -2, -2, -2, -2], params);
  assert.ok(split);
  assert.equal(split.defaultLeft, false);
  // Left G=6,H=3; right G=−10,H=5 → 12 + 20 − (−4)²/8 = 30.
  assert.equal(split.gain, 30);
  const flipped = bestSplit([1, 2, 3, 4, 5, 6, NaN, NaN], [2, 2, 2, -2, -2, -2, 2, 2], params).split;
  assert.equal(flipped?.defaultLeft, true);
});

test('categorical split groups categories by gradient ratio (many-vs-many)', () => {
  // Categories 0 and 2 have positive gradients, 1 and 3 negative: best partition {0,2} | {1,3}.
  const x = [0, 0, 1, 1, 2, 2, 3, 3];
  const g = [1, 1, -1, -1, 1, 1, -1, -1];
  const { split } = bestSplit(x, g, params, true);
  assert.ok(split?.categorical && split.catBits);
  const left = [0, 1, 2, 3].filter((c) => (split.catBits![0] >>> c) & 1);
  assert.ok(left.join() === '1,3' || left.join() === '0,2', `left set ${left.join()}`);
  // 4²/4 + 4²/4 − 0 = 8.
  assert.equal(split.gain, 8);
});
