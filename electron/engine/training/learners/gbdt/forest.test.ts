import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../random';
import { binMatrix, fitBinMappers } from './binning';
import { fitForest } from './forest';
import { buildHistogram, buildOneHotHistogram, gatherGradients, gatherOneHot, histLayout } from './histogram';

const K = 4;

/** n rows of d distinct-valued features; the class follows the first two features, with noise. */
function classes(n: number, d: number, seed: number): { X: Float64Array[]; y: Float64Array } {
  const rng = new Rng(seed);
  const X = Array.from({ length: d }, () => Float64Array.from({ length: n }, () => rng.normal()));
  const y = Float64Array.from({ length: n }, (_, i) =>
    rng.next() < 0.1 ? rng.int(K) : (X[0][i] > 0 ? 2 : 0) + (X[1][i] > 0 ? 1 : 0),
  );
  return { X, y };
}

const features = (d: number) =>
  Array.from({ length: d }, (_, f) => ({
    name: `f${f}`,
    source: `f${f}`,
    categorical: false,
    nCategories: 0,
  }));

test('one-hot histograms hold the same sums as the K-channel ones', () => {
  const n = 300;
  const d = 6;
  const { X, y } = classes(n, d, 3);
  const mappers = fitBinMappers(X, features(d), 255, new Rng(1));
  const data = binMatrix(X, mappers);
  const layout = histLayout(mappers, K);
  const rng = new Rng(5);
  const h = Float64Array.from({ length: n }, () => 1 + rng.int(3));
  const g = new Float64Array(n * K);
  for (let i = 0; i < n; i++) g[i * K + y[i]] = -h[i];
  const idx = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 1);
  const start = 10;
  const end = idx.length - 7;
  const picked = Int32Array.of(4, 1, 5);
  const og = new Float64Array(n * K);
  const oh = new Float64Array(n);
  const want = new Float64Array(layout.size);
  gatherGradients(g, h, K, idx, start, end, og, oh);
  buildHistogram(want, layout, data.bins, n, picked, idx, start, end, og, oh, false);
  const got = new Float64Array(layout.size).fill(7);
  const oc = new Int32Array(n);
  gatherOneHot(g, h, K, Int32Array.from(y), idx, start, end, og, oh, oc);
  buildOneHotHistogram(got, layout, data.bins, n, picked, idx, start, end, og, oh, oc);
  for (const f of picked) {
    const a = layout.offset[f] * layout.stride;
    const b = a + (layout.nBins[f] + 1) * layout.stride;
    assert.deepEqual(got.subarray(a, b), want.subarray(a, b), `feature ${f}`);
  }
});

for (const extraTrees of [false, true]) {
  const name = extraTrees ? 'extra trees' : 'random forest';
  test(`${name} on classes: grown to one class a leaf, the same trees for the same seed`, () => {
    const n = 200;
    const d = 9;
    const { X, y } = classes(n, d, 11);
    const input = { X, features: features(d), y, task: 'multiclass' as const, nClasses: K };
    const fit = (seed: number) => fitForest(input, { n_estimators: 8, seed }, extraTrees).model.trees;
    const a = fit(7);
    assert.deepEqual(fit(7), a);
    assert.notDeepEqual(fit(8).feature, a.feature);
    // Every value has its own bin (n < 255), so a tree grown to purity ends in leaves of one class.
    const leaves = a.leafValue.length / K;
    assert.ok(leaves > 8 * 5, `${leaves} leaves`);
    for (let l = 0; l < leaves; l++) {
      const v = Array.from(a.leafValue.subarray(l * K, l * K + K));
      assert.equal(v.filter((x) => x !== 0).length, 1, `leaf ${l}: ${v.join(' ')}`);
    }
  });
}
