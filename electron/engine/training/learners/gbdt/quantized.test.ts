import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FeatureInfo } from '../../preprocess/pipeline';
import { Rng } from '../random';
import { binMatrix, fitBinMappers } from './binning';
import { HistThreads, sharedFloat64, sharedUint32 } from './hist-threads';
import { buildHistogram, histLayout, packBins } from './histogram';
import { LeafRows } from './leaf-rows';
import { buildGroupHistogramQ, CHUNK, packedScratch, Q_LEVELS, quantizeRows } from './quantized';

function columns(n: number, d: number, seed: number) {
  const rng = new Rng(seed);
  const X = Array.from({ length: d }, (_, f) =>
    Float64Array.from({ length: n }, () =>
      rng.next() < 0.05 ? NaN : f % 4 === 0 ? Math.round(rng.normal() * 2) : rng.normal(),
    ),
  );
  const features: FeatureInfo[] = X.map((_, f) => ({
    name: `x${f}`,
    source: `x${f}`,
    categorical: false,
    nCategories: 0,
  }));
  return { X, features, rng };
}

test('packed quantised histograms: exact counts, unbiased sums, over several chunks', () => {
  const n = 2 * CHUNK + 777; // three chunks, the last one short
  for (const d of [30, 7, 3]) {
    const { X, features, rng } = columns(n, d, d);
    const mappers = fitBinMappers(X, features, 255, new Rng(1));
    const data = binMatrix(X, mappers);
    const layout = histLayout(mappers, 1);
    const packed = packBins(data, layout.groups, false);
    const g = Float64Array.from({ length: n }, () => rng.normal());
    const h = Float64Array.from({ length: n }, () => rng.next() * 0.25);
    const idx = Uint32Array.from({ length: n }, (_, i) => i);
    const pv = new Float64Array(n);
    const scales = new Float64Array(2);
    const [G, H] = quantizeRows(g, h, idx, n, 12345, pv, scales);
    const all = Int32Array.from({ length: d }, (_, f) => f);
    const exact = new Float64Array(layout.size);
    buildHistogram(exact, layout, data.bins, n, all, idx, 0, n, g, h, true);
    const q = new Float64Array(layout.size).fill(9); // stale values must be overwritten
    const scratch = packedScratch();
    for (let gi = 0; gi < layout.groups.length; gi++)
      buildGroupHistogramQ(q, packed, packed.bytes, gi, 0, n, pv, scales, scratch);
    for (let f = 0; f < d; f++) {
      let sg = 0;
      let sh = 0;
      for (let b = 0; b <= layout.nBins[f]; b++) {
        const j = (layout.offset[f] + b) * 3;
        assert.equal(q[j + 2], exact[j + 2], `count f=${f} b=${b}`);
        // Each row's rounding error is below one step; a bin's sum stays within its count of steps.
        assert.ok(Math.abs(q[j] - exact[j]) <= exact[j + 2] * scales[0] + 1e-9, `G f=${f} b=${b}`);
        assert.ok(Math.abs(q[j + 1] - exact[j + 1]) <= exact[j + 2] * scales[1] + 1e-9, `H f=${f} b=${b}`);
        sg += q[j];
        sh += q[j + 1];
      }
      assert.ok(Math.abs(sg - G) < 1e-6 && Math.abs(sh - H) < 1e-6, `totals f=${f}`);
    }
    // Stochastic rounding is unbiased: the quantised totals track the exact ones closely.
    const eg = g.reduce((s, v) => s + v, 0);
    assert.ok(Math.abs(G - eg) < 4 * Math.sqrt(n) * scales[0], `ΣG ${G} vs ${eg}`);
    assert.ok(scales[0] * Q_LEVELS >= Math.max(...g.map(Math.abs)) - 1e-12);
  }
});

test('the histogram worker builds bit-identical quantised histograms to the main thread', () => {
  const n = 40_000;
  const d = 30;
  const { X, features, rng } = columns(n, d, 5);
  const mappers = fitBinMappers(X, features, 255, new Rng(1));
  const data = binMatrix(X, mappers, true);
  const layout = histLayout(mappers, 1);
  const packed = packBins(data, layout.groups, true);
  const pv = sharedFloat64(n);
  const leaf = new LeafRows(packed, pv, true);
  const rows = {
    idx: sharedUint32(n),
    scratch: sharedUint32(n),
    goLeft: new Uint8Array(new SharedArrayBuffer(256)),
    g: sharedFloat64(n),
    h: sharedFloat64(n),
    pv,
    scales: sharedFloat64(2),
    leafBytes: leaf.bytes.slice(1),
    leafPv: leaf.pv.slice(1),
  };
  for (let i = 0; i < n; i++) {
    rows.idx[i] = i;
    rows.g[i] = rng.normal();
    rows.h[i] = rng.next();
  }
  quantizeRows(rows.g, rows.h, rows.idx, n, 99, rows.pv, rows.scales);
  for (let b = 0; b < 256; b++) rows.goLeft[b] = b % 3 === 0 ? 1 : 0;
  const threads = new HistThreads(packed, rows, layout.size);
  try {
    assert.ok(threads.waitReady(60_000), 'the worker started');
    // The same split moved by one thread, then by two, ends in the same place.
    const idx1 = Uint32Array.from(rows.idx);
    let nl = 0;
    for (let i = 0; i < n; i++) nl += rows.goLeft[data.bins[4 * n + i]];
    leaf.partition(0, 0, n, 4, rows.goLeft, idx1, new Uint32Array(n), nl);
    const bytes1 = Uint8Array.from(leaf.bytes[1]);
    const pv1 = Float64Array.from(leaf.pv[1]);
    leaf.bytes[1].fill(0);
    const helper = {
      move: (src: number, s: number, e: number, l: number, r: number, off: number, W: number) =>
        threads.dispatchLeafMove(src, s, e, l, r, off, W),
      finish: () => {
        assert.ok(threads.wait());
        return threads.result();
      },
    };
    leaf.partition(0, 0, n, 4, rows.goLeft, rows.idx, rows.scratch, nl, helper);
    assert.deepEqual(rows.idx, idx1);
    assert.deepEqual(leaf.bytes[1], bytes1);
    assert.deepEqual(leaf.pv[1], pv1);
    // A split whose count disagrees with the rows is an internal error, not a silent mix-up.
    const idx2 = Uint32Array.from({ length: n }, (_, i) => i);
    assert.throws(() => leaf.partition(0, 0, n, 4, rows.goLeft, idx2, rows.scratch, nl + 1), /split counted/);
    leaf.partition(
      0,
      0,
      n,
      4,
      rows.goLeft,
      idx2.map((_, i) => i),
      rows.scratch,
      nl,
    );
    const list = Int32Array.from(layout.groups, (_, q) => q);
    for (const [buf, start, end] of [
      [0, 50, n],
      [1, 0, nl],
      [1, nl, n],
    ]) {
      threads.dispatch(list, list.length, start, end, buf);
      const local = new Float64Array(layout.size);
      const scratch = packedScratch();
      for (let q = 0; q < list.length; q++)
        buildGroupHistogramQ(
          local,
          packed,
          leaf.bytes[buf],
          q,
          start,
          end,
          leaf.pv[buf],
          rows.scales,
          scratch,
        );
      assert.ok(threads.wait(), 'the job finished');
      assert.deepEqual(new Float64Array(threads.out), local);
    }
  } finally {
    threads.close();
  }
});

test('a leaf split moves its rows stably into the other buffer, bins and packed gradients alike', () => {
  const n = 9_001;
  const d = 21;
  const { X, features } = columns(n, d, 8);
  const mappers = fitBinMappers(X, features, 255, new Rng(1));
  const data = binMatrix(X, mappers);
  const layout = histLayout(mappers, 1);
  const packed = packBins(data, layout.groups, false);
  const pv = Float64Array.from({ length: n }, (_, i) => i * 3 + 0.5);
  const leaf = new LeafRows(packed, pv, false);
  const idx = Uint32Array.from({ length: n }, (_, i) => i);
  const scratch = new Uint32Array(n);
  const goLeft = Uint8Array.from({ length: 256 }, (_, b) => (b < 100 ? 1 : 0));
  // Root split in buffer 0, then a split of the right child (buffer 1 → 2).
  let nl = 0;
  for (let i = 0; i < n; i++) nl += goLeft[data.bins[17 * n + i]];
  leaf.partition(0, 0, n, 17, goLeft, idx, scratch, nl);
  goLeft.fill(0).fill(1, 0, 60);
  let nl2 = 0;
  for (let p = nl; p < n; p++) nl2 += goLeft[data.bins[2 * n + idx[p]]];
  leaf.partition(1, nl, n, 2, goLeft, idx, scratch, nl2);
  const check = (buf: number, start: number, end: number, feature: number, left: boolean) => {
    for (let p = start; p < end; p++) {
      const i = idx[p];
      if (p > start) assert.ok(idx[p - 1] < i, 'stable');
      assert.equal(leaf.pv[buf][p], pv[i]);
      assert.equal(data.bins[feature * n + i] < (feature === 17 ? 100 : 60), left, `row ${i}`);
      for (let q = 0; q < layout.groups.length; q++) {
        const W = layout.groups[q].width;
        const o = packed.byteOffset[q];
        for (let w = 0; w < W; w++) assert.equal(leaf.bytes[buf][o + p * W + w], packed.bytes[o + i * W + w]);
      }
    }
  };
  check(1, 0, nl, 17, true);
  check(2, nl, nl + nl2, 2, true);
  check(2, nl + nl2, n, 2, false);
  assert.ok(nl > 0 && nl2 > 0 && nl + nl2 < n);
});
