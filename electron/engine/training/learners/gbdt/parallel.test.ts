import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FeatureInfo } from '../../preprocess/pipeline';
import { Rng } from '../random';
import { binMatrix, binValue, fitBinMappers, sortFloat64 } from './binning';
import { fitBoosting } from './boosting';
import { TreeGrower, type GrowOptions } from './grow-tree';
import { HistThreads, sharedFloat64, sharedUint32 } from './hist-threads';
import { buildGroupHistogram, buildHistogram, histLayout, packBins } from './histogram';

/** Numeric columns with missing values, plus two categorical ones; d = 30 gives two 16-wide groups. */
function dataset(n: number, d: number, seed: number) {
  const rng = new Rng(seed);
  const X: Float64Array[] = [];
  const features: FeatureInfo[] = [];
  for (let f = 0; f < d; f++) {
    const cat = f >= d - 2;
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (cat) col[i] = rng.int(f === d - 1 ? 40 : 6);
      else col[i] = rng.next() < 0.03 ? NaN : f % 3 === 0 ? Math.round(rng.normal() * 3) : rng.normal();
    }
    X.push(col);
    features.push({
      name: `x${f}`,
      source: `x${f}`,
      categorical: cat,
      nCategories: cat ? (f === d - 1 ? 40 : 6) : 0,
    });
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = (X[0][i] || 0) + 0.5 * (X[1][i] || 0) - (X[d - 1][i] % 3) + rng.normal() * 0.5;
    y[i] = s > 0 ? 1 : 0;
  }
  return { X, features, y };
}

const opts: GrowOptions = {
  lambda: 1,
  alpha: 0,
  minChildSamples: 5,
  minChildWeight: 1e-3,
  minSplitGain: 0,
  catSmooth: 10,
  maxLeaves: 31,
  maxDepth: 0,
  featuresPerSplit: 0,
  extraTrees: false,
};

test('group kernels give the same histogram bits as the reference per-feature builder', () => {
  const n = 5000;
  for (const d of [30, 7, 3, 21]) {
    const { X, features } = dataset(n, d, d);
    const mappers = fitBinMappers(X, features, 255, new Rng(1));
    const data = binMatrix(X, mappers);
    const layout = histLayout(mappers, 1);
    const packed = packBins(data, layout.groups, false);
    const rng = new Rng(3);
    const g = Float64Array.from({ length: n }, () => rng.normal());
    const h = Float64Array.from({ length: n }, () => rng.next());
    const rows = Uint32Array.from({ length: n }, (_, i) => i).filter(() => rng.next() < 0.4);
    const og = Float64Array.from(rows, (i) => g[i]);
    const oh = Float64Array.from(rows, (i) => h[i]);
    const all = Int32Array.from({ length: d }, (_, f) => f);
    const ref = new Float64Array(layout.size);
    buildHistogram(ref, layout, data.bins, n, all, rows, 0, rows.length, og, oh, false);
    const fast = new Float64Array(layout.size).fill(7); // stale values must be cleared
    for (let q = 0; q < layout.groups.length; q++)
      buildGroupHistogram(fast, packed, q, rows, 0, rows.length, g, h);
    for (let f = 0; f < d; f++) {
      // Bins from laneTop on hold no row of the data, so they are left as they were (zero in the grower).
      const a = layout.offset[f] * 3;
      const top = a + packed.laneTop[f] * 3;
      const b = a + (layout.nBins[f] + 1) * 3;
      assert.ok(packed.laneTop[f] >= 2, 'a feature with several bins');
      assert.deepEqual(fast.subarray(a, top), ref.subarray(a, top), `d=${d} feature ${f}`);
      assert.ok(
        ref.subarray(top, b).every((v) => v === 0),
        `d=${d} feature ${f}: no row above laneTop`,
      );
    }
  }
});

test('the histogram worker builds bit-identical histograms to the main thread', () => {
  const n = 20_000;
  const d = 30;
  const { X, features } = dataset(n, d, 5);
  const mappers = fitBinMappers(X, features, 255, new Rng(1));
  const data = binMatrix(X, mappers);
  const layout = histLayout(mappers, 1);
  const packed = packBins(data, layout.groups, true);
  const rows = {
    idx: sharedUint32(n),
    scratch: sharedUint32(n),
    goLeft: new Uint8Array(new SharedArrayBuffer(256)),
    g: sharedFloat64(n),
    h: sharedFloat64(n),
  };
  const rng = new Rng(9);
  let m = 0;
  for (let i = 0; i < n; i++) if (rng.next() < 0.6) rows.idx[m++] = i;
  for (let i = 0; i < n; i++) {
    rows.g[i] = rng.normal();
    rows.h[i] = rng.next();
  }
  const threads = new HistThreads(packed, rows, layout.size);
  try {
    assert.ok(threads.waitReady(60_000), 'the worker started');
    const list = Int32Array.from(layout.groups, (_, q) => q);
    threads.dispatch(list, list.length, 100, m);
    const local = new Float64Array(layout.size);
    for (let q = 0; q < list.length; q++)
      buildGroupHistogram(local, packed, q, rows.idx, 100, m, rows.g, rows.h);
    assert.ok(threads.wait(), 'the job finished');
    assert.deepEqual(new Float64Array(threads.out), local);
  } finally {
    threads.close();
  }
});

test('a tree grown with two threads equals the single-thread tree bit for bit', () => {
  const n = 30_000;
  const d = 30;
  const { X, features, y } = dataset(n, d, 11);
  const mappers = fitBinMappers(X, features, 255, new Rng(1));
  const data = binMatrix(X, mappers);
  const layout = histLayout(mappers, 1);
  const grow = (threads: number) => {
    const grower = new TreeGrower(data, mappers, layout, { ...opts, threads, parallelMinRows: 64 });
    try {
      if (threads > 1) assert.ok(grower.waitForThreads(60_000), 'the worker started');
      const { g, h, idx } = grower.rows;
      for (let i = 0; i < n; i++) {
        g[i] = 0.5 - y[i] + (i % 7) * 1e-3;
        h[i] = 0.25;
        idx[i] = i;
      }
      const feats = Int32Array.from({ length: d }, (_, f) => f);
      return grower.grow(g, h, idx, n, true, feats, new Rng(4));
    } finally {
      grower.close();
    }
  };
  const one = grow(1);
  const two = grow(2);
  assert.ok(one.tree.nLeaves > 10);
  assert.deepEqual(two.tree, one.tree);
  assert.deepEqual(two.ranges, one.ranges);
});

test('boosting gives the same model with and without the histogram worker', () => {
  const n = 70_000; // n × d ≥ 2M turns the worker on by default
  const { X, features, y } = dataset(n, 30, 13);
  const params = { n_estimators: 8, max_leaves: 15, seed: 3, subsample: 0.8, colsample_bytree: 0.7 };
  const saved = process.env.ASSAY_GBDT_THREADS;
  try {
    process.env.ASSAY_GBDT_THREADS = '1';
    const serial = fitBoosting({ X, features, y, task: 'binary', nClasses: 2 }, params);
    process.env.ASSAY_GBDT_THREADS = '2';
    const parallel = fitBoosting({ X, features, y, task: 'binary', nClasses: 2 }, params);
    assert.deepEqual(parallel.model.trees, serial.model.trees);
    assert.deepEqual(parallel.history, serial.history);
  } finally {
    if (saved === undefined) delete process.env.ASSAY_GBDT_THREADS;
    else process.env.ASSAY_GBDT_THREADS = saved;
  }
});

test('the binary loss/gradient pass split with the worker equals the single-thread pass', () => {
  const n = 50_001;
  const { X, features, y } = dataset(n, 30, 17);
  const mappers = fitBinMappers(X, features, 255, new Rng(1));
  const data = binMatrix(X, mappers);
  const layout = histLayout(mappers, 1);
  const F = sharedFloat64(n);
  const ys = sharedFloat64(n);
  ys.set(y);
  const rng = new Rng(2);
  for (let i = 0; i < n; i++) F[i] = rng.normal() * 4;
  const run = (threads: number) => {
    const grower = new TreeGrower(data, mappers, layout, { ...opts, threads });
    try {
      if (threads > 1) assert.ok(grower.waitForThreads(60_000), 'the worker started');
      const loss = grower.binaryLossAndGradients(F, ys);
      return { loss, g: Float64Array.from(grower.rows.g), h: Float64Array.from(grower.rows.h) };
    } finally {
      grower.close();
    }
  };
  const one = run(1);
  const two = run(2);
  assert.equal(two.loss, one.loss);
  assert.deepEqual(two.g, one.g);
  assert.deepEqual(two.h, one.h);
  assert.ok(one.loss > 0 && one.h.every((v) => v > 0));
});

test('the branch-free binMatrix search agrees with binValue, infinities and NaN included', () => {
  const rng = new Rng(21);
  const n = 20_000;
  const cols = [0, 1, 2].map((k) =>
    Float64Array.from({ length: n }, () =>
      rng.next() < 0.02
        ? NaN
        : k === 1
          ? Math.round(rng.normal() * 3)
          : k === 2 && rng.next() < 0.3
            ? -Infinity
            : rng.normal(),
    ),
  );
  const feats = cols.map((_, f) => ({ name: `x${f}`, source: `x${f}`, categorical: false, nCategories: 0 }));
  const mappers = fitBinMappers(cols, feats, 255, new Rng(2));
  const data = binMatrix(cols, mappers);
  for (let f = 0; f < cols.length; f++)
    for (let i = 0; i < n; i++) assert.equal(data.bins[f * n + i], binValue(mappers[f], cols[f][i]));
});

test('the radix sort of bin-edge samples orders values as Float64Array.prototype.sort does', () => {
  const rng = new Rng(8);
  const n = 5000;
  const special = [0, -0, Infinity, -Infinity, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE];
  const samples = [
    Float64Array.from({ length: n }, () => rng.normal() * 1e3),
    Float64Array.from({ length: n }, () => Math.round(rng.normal() * 4)),
    Float64Array.from({ length: n }, (_, i) => special[i % special.length]),
    new Float64Array(n).fill(-2.5),
    Float64Array.from({ length: 300 }, () => rng.normal()), // below the radix threshold
  ];
  for (const x of samples) {
    const got = sortFloat64(x);
    const want = x.slice().sort();
    assert.equal(got.length, want.length);
    for (let i = 0; i < want.length; i++) assert.ok(Object.is(got[i], want[i]), `index ${i}`);
  }
});
