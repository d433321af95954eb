import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FeatureInfo } from '../../preprocess/pipeline';
import { Rng } from '../random';
import { binMatrix, fitBinMappers } from './binning';
import { HistThreads, sharedFloat64, sharedUint32 } from './hist-threads';
import { histArena, wasmKernels } from './hist-wasm';
import { leafSums } from './leaf-rows';
import { buildHistogram, histLayout, packBins, packedSize, SLOT } from './histogram';
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
      buildGroupHistogramQ(q, packed, gi, idx, 0, n, pv, scales, scratch);
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
  const rows = {
    idx: sharedUint32(n),
    scratch: sharedUint32(n),
    goLeft: new Uint8Array(new SharedArrayBuffer(256)),
    g: sharedFloat64(n),
    h: sharedFloat64(n),
    pv: sharedFloat64(n),
    scales: sharedFloat64(2),
  };
  let m = 0;
  for (let i = 0; i < n; i++) if (rng.next() < 0.7) rows.idx[m++] = i;
  for (let i = 0; i < n; i++) {
    rows.g[i] = rng.normal();
    rows.h[i] = rng.next();
  }
  quantizeRows(rows.g, rows.h, rows.idx, m, 99, rows.pv, rows.scales);
  const threads = new HistThreads(packed, rows, layout.size);
  try {
    assert.ok(threads.waitReady(60_000), 'the worker started');
    const list = Int32Array.from(layout.groups, (_, q) => q);
    threads.dispatch(list, list.length, 50, m, true);
    const local = new Float64Array(layout.size);
    const scratch = packedScratch();
    for (let q = 0; q < list.length; q++)
      buildGroupHistogramQ(local, packed, q, rows.idx, 50, m, rows.pv, rows.scales, scratch);
    assert.ok(threads.wait(), 'the job finished');
    assert.deepEqual(new Float64Array(threads.out), local);
  } finally {
    threads.close();
  }
});

test('the WebAssembly kernels give the JavaScript kernels’ histograms bit for bit, on both threads (real features)', () => {
  const n = 2 * CHUNK + 901;
  for (const d of [30, 7, 3]) {
    const { X, features, rng } = columns(n, d, 40 + d);
    const mappers = fitBinMappers(X, features, 255, new Rng(1));
    const data = binMatrix(X, mappers, true);
    const layout = histLayout(mappers, 1);
    const js = packBins(data, layout.groups, true);
    const size = packedSize(n, layout.groups);
    const arena = histArena(size + 12 * n + 2 * 8 * 16 * SLOT, 5, true);
    assert.ok(arena, 'WebAssembly memory is available');
    const kernels = wasmKernels(arena.memory);
    assert.ok(kernels, 'the kernels assemble');
    const packed = packBins(data, layout.groups, true, arena.bytes(size));
    packed.kernels = kernels;
    const rows = {
      idx: arena.u32(n),
      scratch: sharedUint32(n),
      goLeft: new Uint8Array(new SharedArrayBuffer(256)),
      g: sharedFloat64(n),
      h: sharedFloat64(n),
      pv: arena.f64(n),
      scales: sharedFloat64(2),
      workerScratch: arena.f64(16 * SLOT),
    };
    let m = 0;
    for (let i = 0; i < n; i++) if (rng.next() < 0.8) rows.idx[m++] = i;
    for (let i = 0; i < n; i++) {
      rows.g[i] = rng.normal();
      rows.h[i] = rng.next();
    }
    quantizeRows(rows.g, rows.h, rows.idx, m, 7, rows.pv, rows.scales);
    const viaJs = new Float64Array(layout.size);
    const viaWasm = new Float64Array(layout.size);
    const scratch = arena.f64(16 * SLOT);
    for (let q = 0; q < layout.groups.length; q++) {
      buildGroupHistogramQ(viaJs, js, q, rows.idx, 3, m, rows.pv, rows.scales, packedScratch());
      buildGroupHistogramQ(viaWasm, packed, q, rows.idx, 3, m, rows.pv, rows.scales, scratch);
    }
    // Padding lanes (features from d on) are skipped by the WebAssembly kernels: compare the real ones.
    const real = (hist: Float64Array) => hist.slice(0, d * SLOT * 3);
    assert.deepEqual(real(viaWasm), real(viaJs));
    const threads = new HistThreads(packed, rows, layout.size);
    try {
      assert.ok(threads.waitReady(60_000), 'the worker started');
      const list = Int32Array.from(layout.groups, (_, q) => q);
      threads.dispatch(list, list.length, 3, m, true);
      assert.ok(threads.wait(), 'the job finished');
      assert.deepEqual(real(new Float64Array(threads.out)), real(viaJs));
    } finally {
      threads.close();
    }
  }
});

test('WebAssembly quantisation, peaks and leaf sums equal the JavaScript ones bit for bit', () => {
  const n = 50_000;
  const arena = histArena(40 * n + 8 * 16 * SLOT, 6, false);
  assert.ok(arena, 'WebAssembly memory is available');
  const kernels = wasmKernels(arena.memory);
  assert.ok(kernels, 'the kernels assemble');
  kernels.io = arena.f64(16 * SLOT);
  const rng = new Rng(11);
  const [g, h, pvW] = [arena.f64(n), arena.f64(n), arena.f64(n)];
  const idx = arena.u32(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    g[i] = rng.normal() * (i % 7 === 0 ? 40 : 1); // some beyond the top level, clamped
    h[i] = i % 11 === 0 ? -0.5 : rng.next(); // and some negative hessians, clamped to 0
    if (rng.next() < 0.6) idx[m++] = i;
  }
  const pvJ = new Float64Array(n);
  const scalesJ = new Float64Array(2);
  const scalesW = new Float64Array(2);
  const js = quantizeRows(g, h, idx, m, 0x5eed, pvJ, scalesJ);
  const wasm = quantizeRows(g, h, idx, m, 0x5eed, pvW, scalesW, kernels);
  assert.deepEqual(wasm, js);
  assert.deepEqual(scalesW, scalesJ);
  assert.deepEqual(new Float64Array(pvW), pvJ);
  // Leaf sums over three ranges of idx.
  const L = 3;
  const cuts = [0, 100, m >>> 1, m];
  const bufJ = new Float64Array(4 * L);
  for (let l = 0; l < L; l++) [bufJ[2 * l], bufJ[2 * l + 1]] = [cuts[l], cuts[l + 1]];
  const bufW = bufJ.slice();
  leafSums(g, h, idx, bufJ, L, 0, L);
  leafSums(g, h, idx, bufW, L, 0, L, kernels);
  assert.deepEqual(bufW, bufJ);
});
