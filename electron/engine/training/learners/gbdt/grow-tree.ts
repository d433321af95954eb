/**
 * Grows one tree on binned data, leaf-wise (best gain first, LightGBM style) under
 * max_leaves and max_depth. Each leaf owns a contiguous range of a row-index array;
 * splitting partitions that range stably (indices stay ascending, so column reads stay
 * sequential). Only the smaller child's histogram is built from rows; the larger one is
 * the parent's minus the smaller (histogram subtraction). The same grower serves
 * boosting (K = 1 gradient channel) and forests (K outputs, random features per split,
 * random thresholds for extra trees).
 */
import type { Rng } from '../random';
import type { BinMapper, BinnedMatrix } from './binning';
import type { GrownTree } from './flat-trees';
import { CMD_ADD_SCORES, CMD_LEAF_SUMS, defaultThreads, HistThreads, type SharedRows } from './hist-threads';
import {
  buildGroupHistogram,
  buildHistogram,
  buildOneHotHistogram,
  gatherGradients,
  gatherOneHot,
  partitionRows,
  SLOT,
  subtractInto,
  type HistLayout,
  type PackedBins,
} from './histogram';
import { binaryLossAndGradients } from './objective';
import { HISTOGRAMS, lap, PARTITION, PREDICTION, SPLIT_SEARCH, tick } from './phase-clock';
import { addLeafScores, halfByRows, leafSums } from './leaf-rows';
import { buildGroupHistogramQ, gradientPeaks, quantizeRange, quantizeRows, quantSteps } from './quantized';
import { leafOutput, SplitFinder, type LeafTotals, type Split, type SplitParams } from './split';
import { growerMemory } from './grower-memory';

export interface GrowOptions extends SplitParams {
  /** 0 = unlimited. */
  maxLeaves: number;
  /** 0 = unlimited. */
  maxDepth: number;
  /** Features tried per split, drawn at random from the tree's features; 0 = all of them. */
  featuresPerSplit: number;
  extraTrees: boolean;
  /** Threads for histogram building (1 or 2); default: 2 on a multi-core machine for large data. */
  threads?: number;
  /** Leaves with fewer rows are built on the main thread alone (default 4096). */
  parallelMinRows?: number;
  /**
   * Histograms of quantised gradients (see quantized.ts); split choice only, leaf values
   * stay exact. Needs the single-channel layout (K = 1); ignored otherwise.
   */
  quantized?: boolean;
  /**
   * Forests on classes: row i's one gradient is g[i·K + classOf[i]] (the others are 0),
   * so a node's histogram adds one channel a row.
   */
  classOf?: Int32Array;
}

/** Below this many bins (rows × features) a fit never starts the histogram worker by default. */
const AUTO_THREADS_MIN_CELLS = 2_000_000;

interface Leaf {
  start: number;
  end: number;
  depth: number;
  hist: Float64Array | null;
  totals: LeafTotals;
  split: Split | null;
  /** Node whose child pointer refers to this leaf; −1 for the root. */
  parent: number;
  isLeft: boolean;
}

export interface GrowResult {
  tree: GrownTree;
  /** Leaf l owns rows idx[ranges[2l] .. ranges[2l+1]). */
  ranges: Int32Array;
}

/** Live histograms beyond this many bytes are dropped and rebuilt from rows when needed. */
const HIST_BUDGET_BYTES = 256 * 1024 * 1024;

export class TreeGrower {
  private readonly og: Float64Array;
  private readonly oh: Float64Array;
  private readonly finder: SplitFinder;
  private readonly pool: Float64Array[] = [];
  private live = 0;
  private readonly maxLive: number;
  private readonly missing: Int32Array;
  /** K = 1: row-major feature groups for the fast kernels, and the optional second thread. */
  private readonly packed: PackedBins | null;
  private threads: HistThreads | null = null;
  private readonly parallelMinRows: number;
  /** Row buffers the grower works in (shared memory when a worker reads them). */
  readonly rows: SharedRows;
  private readonly activeGroups: Int32Array;
  private nActive = 0;
  private readonly workerList: Int32Array;
  /** Quantised histograms: this thread's packed scratch, or null when off. */
  private readonly qScratch: Float64Array | null;

  constructor(
    private readonly data: BinnedMatrix,
    private readonly mappers: BinMapper[],
    private readonly layout: HistLayout,
    private readonly opts: GrowOptions,
  ) {
    this.og = new Float64Array(data.n * layout.K);
    this.oh = new Float64Array(data.n);
    this.finder = new SplitFinder(layout, opts);
    this.maxLive = Math.max(4, Math.floor(HIST_BUDGET_BYTES / (layout.size * 8)));
    this.missing = Int32Array.from(mappers, (m) => m.nBins);
    const fast = layout.K === 1;
    const threads =
      opts.threads ?? (data.n * data.d >= AUTO_THREADS_MIN_CELLS && fast ? defaultThreads() : 1);
    const shared = fast && threads > 1;
    this.parallelMinRows = opts.parallelMinRows ?? 4096;
    const quantized = fast && opts.quantized === true;
    const memory = growerMemory(data, layout, fast, quantized, shared);
    this.packed = memory.packed;
    this.rows = memory.rows;
    this.qScratch = memory.qScratch;
    if (shared && this.packed) this.threads = new HistThreads(this.packed, this.rows, layout.size);
    this.activeGroups = new Int32Array(layout.groups.length);
    this.workerList = new Int32Array(layout.groups.length);
  }

  /** Blocks up to `timeoutMs` until the histogram worker runs; false without one. */
  waitForThreads(timeoutMs: number): boolean {
    return this.threads?.waitReady(timeoutMs) ?? false;
  }

  /**
   * Mean binary logloss of F and the next gradients into `rows.g`/`rows.h`. The rows are
   * always summed as two halves, [0, n/2) + [n/2, n), whether the worker takes the second
   * half or not, so the loss is the same to the last bit either way.
   */
  binaryLossAndGradients(F: Float64Array, y: Float64Array): number {
    const n = this.data.n;
    const mid = n >>> 1;
    const { g, h } = this.rows;
    const t = this.threads;
    const pk = this.lossPeaks;
    let loss: number;
    if (t && n >= 2 * this.parallelMinRows && t.available && t.attachScores(F, y)) {
      t.dispatchLoss(mid, n);
      const lo = binaryLossAndGradients(F, y, g, h, 0, mid, pk, 0);
      if (t.wait()) {
        loss = (lo + t.results[0]) / n;
        pk[2] = t.results[1];
        pk[3] = t.results[2];
      } else loss = (lo + binaryLossAndGradients(F, y, g, h, mid, n, pk, 2)) / n;
    } else {
      const lo = binaryLossAndGradients(F, y, g, h, 0, mid, pk, 0);
      loss = (lo + binaryLossAndGradients(F, y, g, h, mid, n, pk, 2)) / n;
    }
    this.peaksReady = true;
    return loss;
  }

  /**
   * The largest |g| and h of each half from the last loss pass, [maxG₀, maxH₀, maxG₁, maxH₁]:
   * the next tree's quantisation scales when it grows on every row, sparing it a pass.
   */
  private readonly lossPeaks = new Float64Array(4);
  private peaksReady = false;

  /** Stops the histogram worker, if any. Call when the fit is over. */
  close(): void {
    this.threads?.close();
    this.threads = null;
  }

  /**
   * Grows a tree on rows idx[0..m) with gradients g (n × K) and hessians h (n).
   * `identity` says idx is exactly 0..n−1, which lets the root skip the gather.
   */
  grow(
    g: Float64Array,
    h: Float64Array,
    idx: Uint32Array,
    m: number,
    identity: boolean,
    treeFeatures: Int32Array,
    rng: Rng,
  ): GrowResult {
    const K = this.layout.K;
    const opts = this.opts;
    if (this.packed) {
      // The kernels (and the worker) read the grower's own row buffers.
      const own = this.rows;
      if (idx !== own.idx) own.idx.set(idx.subarray(0, m));
      if (g !== own.g) own.g.set(g.subarray(0, this.data.n));
      if (h !== own.h) own.h.set(h.subarray(0, this.data.n));
      this.setActiveGroups(treeFeatures);
    }
    const callerIdx = idx;
    if (this.packed) idx = this.rows.idx;
    this.currentIdx = idx;
    const rootTotals: LeafTotals = { G: new Float64Array(K), H: 0, count: m };
    // The loss pass's peaks hold for this tree's gradients only when it grows on all rows.
    const peaks =
      this.peaksReady && identity && m === this.data.n && g === this.rows.g ? this.lossPeaks : null;
    this.peaksReady = false;
    if (this.qScratch) {
      // The root's totals are the quantised sums, so they agree with its histogram.
      [rootTotals.G[0], rootTotals.H] = this.quantize(m, rng.int(0x7fffffff), peaks);
    } else
      for (let r = 0; r < m; r++) {
        const i = idx[r];
        for (let c = 0; c < K; c++) rootTotals.G[c] += g[i * K + c];
        rootTotals.H += h[i];
      }
    // Forests that try a few random features per split build each node's histogram for
    // those features alone, from its rows: no parent to subtract from, and a deep tree's
    // many small nodes cost their rows, not a histogram of every feature.
    const sampled = this.sampledOnly(treeFeatures);
    const root: Leaf = {
      start: 0,
      end: m,
      depth: 0,
      hist: sampled ? null : this.take(),
      totals: rootTotals,
      split: null,
      parent: -1,
      isLeft: false,
    };
    if (sampled) this.evaluateSampled(root, g, h, treeFeatures, rng, identity);
    else if (this.packed) this.buildFast(root.hist as Float64Array, 0, m);
    else if (identity)
      buildHistogram(
        root.hist as Float64Array,
        this.layout,
        this.data.bins,
        this.data.n,
        treeFeatures,
        idx,
        0,
        m,
        g,
        h,
        true,
      );
    else this.buildFor(root, g, h, treeFeatures);
    const leaves: Leaf[] = [root];
    lap(HISTOGRAMS);
    if (!sampled) this.evaluate(root, treeFeatures, rng);
    lap(SPLIT_SEARCH);

    const node = {
      feature: [] as number[],
      threshold: [] as number[],
      bin: [] as number[],
      flags: [] as number[],
      catBits: [] as Array<Uint32Array | null>,
      left: [] as number[],
      right: [] as number[],
      gain: [] as number[],
    };
    const heap = new LeafHeap(leaves);
    if (root.split) heap.push(0);
    while ((opts.maxLeaves <= 0 || leaves.length < opts.maxLeaves) && heap.size > 0) {
      const l = heap.pop();
      const leaf = leaves[l];
      const sp = leaf.split as Split;
      tick();
      const mid = this.partition(idx, leaf.start, leaf.end, sp);
      lap(PARTITION);

      const nodeIndex = node.feature.length;
      const r = leaves.length;
      node.feature.push(sp.feature);
      node.threshold.push(sp.categorical ? 0 : this.mappers[sp.feature].edges[sp.bin]);
      node.bin.push(sp.bin);
      node.flags.push((sp.defaultLeft ? 1 : 0) | (sp.categorical ? 2 : 0));
      node.catBits.push(sp.catBits);
      node.left.push(~l);
      node.right.push(~r);
      node.gain.push(sp.gain);
      if (leaf.parent >= 0) (leaf.isLeft ? node.left : node.right)[leaf.parent] = nodeIndex;

      const rightG = new Float64Array(K);
      for (let c = 0; c < K; c++) rightG[c] = leaf.totals.G[c] - sp.leftG[c];
      const L: Leaf = {
        start: leaf.start,
        end: mid,
        depth: leaf.depth + 1,
        hist: null,
        totals: { G: sp.leftG, H: sp.leftH, count: mid - leaf.start },
        split: null,
        parent: nodeIndex,
        isLeft: true,
      };
      const R: Leaf = {
        start: mid,
        end: leaf.end,
        depth: leaf.depth + 1,
        hist: null,
        totals: { G: rightG, H: leaf.totals.H - sp.leftH, count: leaf.end - mid },
        split: null,
        parent: nodeIndex,
        isLeft: false,
      };
      leaves[l] = L;
      leaves.push(R);
      if (sampled) {
        for (const child of [L, R]) {
          this.evaluateSampled(child, g, h, treeFeatures, rng, false);
          if (child.split) heap.push(child === L ? l : r);
        }
        lap(SPLIT_SEARCH);
        continue;
      }
      const [small, large] = L.totals.count <= R.totals.count ? [L, R] : [R, L];
      if (this.splittable(small)) {
        small.hist = this.take();
        this.buildFor(small, g, h, treeFeatures);
      }
      if (this.splittable(large)) {
        if (leaf.hist && small.hist) {
          subtractInto(leaf.hist, small.hist, this.layout, treeFeatures);
          large.hist = leaf.hist;
          leaf.hist = null;
        } else {
          large.hist = this.take();
          this.buildFor(large, g, h, treeFeatures);
        }
      }
      if (leaf.hist) this.release(leaf);
      lap(HISTOGRAMS);
      for (const child of [L, R]) {
        if (child.hist) this.evaluate(child, treeFeatures, rng);

        if (child.split) heap.push(child === L ? l : r);
        if (!child.split || this.live > this.maxLive) this.release(child);
      }
      lap(SPLIT_SEARCH);
    }
    for (const leaf of leaves) if (leaf.hist) this.release(leaf);

    const nLeaves = leaves.length;
    const leafValue = new Float64Array(nLeaves * K);
    const ranges = new Int32Array(nLeaves * 2);
    for (let l = 0; l < nLeaves; l++) {
      ranges[2 * l] = leaves[l].start;
      ranges[2 * l + 1] = leaves[l].end;
    }
    if (this.qScratch) this.exactTotals(leaves, ranges);
    for (let l = 0; l < nLeaves; l++)
      leafOutput(leaves[l].totals.G, leaves[l].totals.H, opts, leafValue, l * K);
    if (this.packed) lap(PREDICTION); // leaf values count as the clock's "prediction update"
    if (callerIdx !== idx) callerIdx.set(idx.subarray(0, m));
    const tree: GrownTree = {
      nNodes: node.feature.length,
      nLeaves,
      feature: Int32Array.from(node.feature),
      threshold: Float64Array.from(node.threshold),
      bin: Uint8Array.from(node.bin),
      flags: Uint8Array.from(node.flags),
      catBits: node.catBits,
      left: Int32Array.from(node.left),
      right: Int32Array.from(node.right),
      gain: Float64Array.from(node.gain),
      leafValue,
    };
    return { tree, ranges };
  }

  /**
   * Quantises the tree's rows idx[0..m) into `rows.pv` (scales into `rows.scales`) and
   * returns the root's quantised [ΣG, ΣH]. With the worker, each thread takes half the
   * rows for the peaks, then for the packing; the peaks are maxima and the sums integers,
   * so the result is quantizeRows' to the bit. `known`: the peaks of all rows, from the
   * loss pass (lossPeaks).
   */
  private quantize(m: number, salt: number, known: Float64Array | null): [number, number] {
    const { g, h, idx, pv, scales } = this.rows as Required<SharedRows>;
    const wk = this.packed?.kernels;
    const t = this.threads;
    const parallel = t !== null && m >= 2 * this.parallelMinRows && t.available;
    if (!parallel && !known) return quantizeRows(g, h, idx, m, salt, pv, scales, wk);
    const mid = m >>> 1;
    const mine = this.pair;
    let maxG: number;
    let maxH: number;
    if (known) {
      maxG = Math.max(known[0], known[2]);
      maxH = Math.max(known[1], known[3]);
    } else {
      (t as HistThreads).dispatchPeaks(mid, m);
      gradientPeaks(g, h, idx, 0, mid, mine, wk);
      if (!(t as HistThreads).wait()) return quantizeRows(g, h, idx, m, salt, pv, scales, wk);
      const theirs = (t as HistThreads).results;
      maxG = Math.max(mine[0], theirs[0]);
      maxH = Math.max(mine[1], theirs[1]);
    }
    const [invG, invH] = quantSteps(maxG, maxH, scales);
    if (parallel) (t as HistThreads).dispatchQuantize(mid, m, salt, invG, invH);
    quantizeRange(g, h, idx, 0, mid, salt, invG, invH, pv, mine, wk);
    const [sg, sh] = [mine[0], mine[1]];
    if (!parallel || !(t as HistThreads).wait())
      quantizeRange(g, h, idx, mid, m, salt, invG, invH, pv, mine, wk);
    else mine.set((t as HistThreads).results.subarray(0, 2));
    return [(sg + mine[0]) * scales[0], (sh + mine[1]) * scales[1]];
  }

  /** Two-word scratch for quantize(). */
  private readonly pair = new Float64Array(2);

  /**
   * Every leaf's totals from the exact gradients (quantised training renews leaf values
   * with them), on both threads when the worker is there (see leaf-rows.ts).
   */
  private exactTotals(leaves: Leaf[], ranges: Int32Array): void {
    const { idx, g, h } = this.rows;
    const L = leaves.length;
    const buf = this.leafJob(ranges, L);
    const t = this.threads;
    const split = t && buf === t.out ? halfByRows(buf, L) : L;
    if (t && split < L) t.dispatchLeaves(CMD_LEAF_SUMS, split, L, L);
    const wk = this.packed?.kernels;
    leafSums(g, h, idx, buf, L, 0, split, wk);
    if (t && split < L && !t.wait()) leafSums(g, h, idx, buf, L, split, L, wk);
    for (let l = 0; l < L; l++) {
      const leaf = leaves[l];
      leaf.totals = {
        G: Float64Array.of(buf[2 * L + 2 * l]),
        H: buf[2 * L + 2 * l + 1],
        count: leaf.end - leaf.start,
      };
    }
  }

  /**
   * The per-leaf job buffer (leaf-rows.ts) with the ranges filled in: the worker's
   * histogram output when the worker is up and the tree small enough (no histogram job is
   * in flight between trees), else a buffer of this thread's own.
   */
  private leafJob(ranges: Int32Array, L: number): Float64Array {
    const t = this.threads;
    const big = 4 * L;
    const useOut =
      t !== null && t.available && this.data.n >= 2 * this.parallelMinRows && big <= t.out.length;
    let buf: Float64Array;
    if (useOut) buf = t.out;
    else {
      if (this.ownJob.length < big) this.ownJob = new Float64Array(big);
      buf = this.ownJob;
    }
    for (let j = 0; j < 2 * L; j++) buf[j] = ranges[j];
    return buf;
  }

  private ownJob = new Float64Array(0);

  /**
   * F[i] += values[l] for the rows i of every leaf l of the tree just grown (binary and
   * regression scores: one per row), on both threads when the worker can see F and y.
   * Each row is touched once, so the scores are the same whoever updates them.
   */
  addToScores(F: Float64Array, y: Float64Array, ranges: Int32Array, values: Float64Array): void {
    const L = values.length;
    const t = this.threads;
    const buf = this.leafJob(ranges, L);
    for (let l = 0; l < L; l++) buf[2 * L + l] = values[l];
    const split = t && buf === t.out && t.attachScores(F, y) ? halfByRows(buf, L) : L;
    if (t && split < L) t.dispatchLeaves(CMD_ADD_SCORES, split, L, L);
    addLeafScores(F, this.rows.idx, buf, L, 0, split);
    // A worker that failed may have updated part of its share: redoing it would count rows twice.
    if (t && split < L && !t.wait())
      throw new Error('The histogram worker failed while updating the scores.');
  }

  private splittable(leaf: Leaf): boolean {
    const o = this.opts;
    return (
      leaf.totals.count >= 2 * Math.max(1, o.minChildSamples) && (o.maxDepth <= 0 || leaf.depth < o.maxDepth)
    );
  }

  private evaluate(leaf: Leaf, treeFeatures: Int32Array, rng: Rng): void {
    if (!leaf.hist || !this.splittable(leaf)) {
      leaf.split = null;
      return;
    }
    const features = this.pickFeatures(treeFeatures, rng);
    leaf.split = this.finder.find(leaf.hist, features, leaf.totals, this.opts.extraTrees ? rng : null);
  }

  /** The features a split tries: a random `featuresPerSplit` of the tree's, or all of them. */
  private pickFeatures(treeFeatures: Int32Array, rng: Rng): Int32Array {
    const k = this.opts.featuresPerSplit;
    if (k <= 0 || k >= treeFeatures.length) return treeFeatures;
    // rng.sample's selection sampling (the same draws), into a buffer the split search
    // reads and lets go of.
    const out = this.picked.length === k ? this.picked : (this.picked = new Int32Array(k));
    const n = treeFeatures.length;
    let chosen = 0;
    for (let i = 0; i < n && chosen < k; i++)
      if ((n - i) * rng.next() < k - chosen) out[chosen++] = treeFeatures[i];
    return out;
  }

  /** pickFeatures' buffer. */
  private picked = new Int32Array(0);

  /** Per-node histograms of the sampled features only: multi-output layouts with features sampled per split. */
  private sampledOnly(treeFeatures: Int32Array): boolean {
    const k = this.opts.featuresPerSplit;
    return !this.packed && k > 0 && k < treeFeatures.length;
  }

  /**
   * evaluate() for sampledOnly trees: draws the features (the same draws, in the same
   * order, as evaluate), builds their histogram from the leaf's rows into one reused
   * buffer and finds the split. Sums of the forest's integer weights are exact, so the
   * splits are those the full histograms with subtraction gave.
   */
  private evaluateSampled(
    leaf: Leaf,
    g: Float64Array,
    h: Float64Array,
    treeFeatures: Int32Array,
    rng: Rng,
    identity: boolean,
  ): void {
    if (!this.splittable(leaf) || (this.opts.classOf && pure(leaf.totals.G))) {
      leaf.split = null;
      return;
    }
    const features = this.pickFeatures(treeFeatures, rng);
    const hist = this.nodeHist ?? (this.nodeHist = new Float64Array(this.layout.size));
    const cls = this.opts.classOf;
    if (cls) {
      const oc = this.oc ?? (this.oc = new Int32Array(this.data.n));
      const { K } = this.layout;
      gatherOneHot(g, h, K, cls, this.currentIdx, leaf.start, leaf.end, this.og, this.oh, oc);
      const { bins, n } = this.data;
      const idx = this.currentIdx;
      buildOneHotHistogram(
        hist,
        this.layout,
        bins,
        n,
        features,
        idx,
        leaf.start,
        leaf.end,
        this.og,
        this.oh,
        oc,
      );
      leaf.split = this.finder.find(hist, features, leaf.totals, this.opts.extraTrees ? rng : null);
      return;
    }
    if (!identity)
      gatherGradients(g, h, this.layout.K, this.currentIdx, leaf.start, leaf.end, this.og, this.oh);
    buildHistogram(
      hist,
      this.layout,
      this.data.bins,
      this.data.n,
      features,
      this.currentIdx,
      leaf.start,
      leaf.end,
      identity ? g : this.og,
      identity ? h : this.oh,
      identity,
    );
    leaf.split = this.finder.find(hist, features, leaf.totals, this.opts.extraTrees ? rng : null);
  }

  /** sampledOnly trees: the one histogram buffer every node is evaluated in. */
  private nodeHist: Float64Array | null = null;
  /** classOf: the classes of a node's rows, in order. */
  private oc: Int32Array | null = null;

  private buildFor(leaf: Leaf, g: Float64Array, h: Float64Array, treeFeatures: Int32Array): void {
    if (this.packed) {
      this.buildFast(leaf.hist as Float64Array, leaf.start, leaf.end);
      return;
    }
    gatherGradients(g, h, this.layout.K, this.currentIdx, leaf.start, leaf.end, this.og, this.oh);
    buildHistogram(
      leaf.hist as Float64Array,
      this.layout,
      this.data.bins,
      this.data.n,
      treeFeatures,
      this.currentIdx,
      leaf.start,
      leaf.end,
      this.og,
      this.oh,
      false,
    );
  }

  /** Groups holding at least one of the tree's features. */
  private setActiveGroups(treeFeatures: Int32Array): void {
    const groups = this.layout.groups;
    const on = new Uint8Array(groups.length);
    for (let q = 0; q < treeFeatures.length; q++) {
      const f = treeFeatures[q];
      for (let gi = 0; gi < groups.length; gi++)
        if (f >= groups[gi].first && f < groups[gi].first + groups[gi].width) on[gi] = 1;
    }
    this.nActive = 0;
    for (let gi = 0; gi < groups.length; gi++) if (on[gi]) this.activeGroups[this.nActive++] = gi;
  }

  /**
   * K = 1 histogram of rows idx[start..end) over the active groups. With a worker, it
   * takes the last groups (about half the features) while this thread builds the rest.
   */
  private buildFast(hist: Float64Array, start: number, end: number): void {
    const packed = this.packed as PackedBins;
    const qs = this.qScratch;
    const groups = this.layout.groups;
    const active = this.activeGroups;
    const nActive = this.nActive;
    let nMain = nActive;
    let nWorker = 0;
    const threads = this.threads;
    if (threads && nActive > 1 && end - start >= this.parallelMinRows && threads.available) {
      let total = 0;
      for (let a = 0; a < nActive; a++) total += groups[active[a]].width;
      let share = 0;
      while (nMain > 1 && (share + groups[active[nMain - 1]].width) * 2 <= total) {
        share += groups[active[nMain - 1]].width;
        nMain--;
      }
      if (share === 0) nMain--; // at least one group for the worker
      nWorker = nActive - nMain;
      for (let a = 0; a < nWorker; a++) this.workerList[a] = active[nMain + a];
      threads.dispatch(this.workerList, nWorker, start, end, qs !== null);
    }
    for (let a = 0; a < nMain; a++) this.buildGroup(hist, packed, active[a], start, end);
    if (nWorker === 0 || !threads) return;
    const ok = threads.wait();
    for (let a = 0; a < nWorker; a++) {
      const q = this.workerList[a];
      if (!ok) {
        this.buildGroup(hist, packed, q, start, end);
        continue;
      }
      const from = groups[q].first * SLOT * 3;
      const to = from + groups[q].width * SLOT * 3;
      hist.set(threads.out.subarray(from, to), from);
    }
  }

  /** One group's histogram on this thread, from quantised or exact gradients. */
  private buildGroup(hist: Float64Array, packed: PackedBins, q: number, start: number, end: number): void {
    const { idx, g, h, pv, scales } = this.rows;
    if (this.qScratch && pv && scales)
      buildGroupHistogramQ(hist, packed, q, idx, start, end, pv, scales, this.qScratch);
    else buildGroupHistogram(hist, packed, q, idx, start, end, g, h);
  }

  /** The row-index array of the tree being grown. */
  private currentIdx: Uint32Array = new Uint32Array(0);

  /**
   * Stable partition of idx[start..end) by the split; returns the first right position.
   * A 256-entry table says which bins go left, so the loop has no data-dependent branch.
   */
  private partition(idx: Uint32Array, start: number, end: number, sp: Split): number {
    const { scratch, goLeft } = this.rows;
    if (sp.categorical) {
      const bits = sp.catBits as Uint32Array;
      for (let b = 0; b < 256; b++) goLeft[b] = (bits[b >>> 5] >>> (b & 31)) & 1;
    } else {
      const miss = this.missing[sp.feature];
      for (let b = 0; b < 256; b++) goLeft[b] = (b === miss ? sp.defaultLeft : b <= sp.bin) ? 1 : 0;
    }
    // Column-major bins read a leaf's ascending rows as one forward stream; the packed
    // groups serve only when the worker cannot see the columns.
    let bytes = this.rows.cols ?? this.data.bins;
    let off = sp.feature * this.data.n;
    let W = 1;
    const packed = this.packed;
    const columns = !this.threads || this.rows.cols !== undefined;
    if (packed && !columns) {
      const groups = packed.groups;
      let q = 0;
      while (sp.feature >= groups[q].first + groups[q].width) q++;
      bytes = packed.bytes;
      off = packed.byteOffset[q] + (sp.feature - groups[q].first);
      W = groups[q].width;
    }
    const t = this.threads;
    if (packed && t && end - start >= 2 * this.parallelMinRows && t.available) {
      // Each half partitions on its own thread; then lefts A, lefts B, rights A, rights B.
      const mid = (start + end) >>> 1;
      t.dispatchPartition(mid, end, off, W, columns);
      const k = packed.kernels;
      const nA = partitionRows(idx, scratch, start, mid, bytes, off, W, goLeft, k);
      const nB = t.wait() ? t.result() : partitionRows(idx, scratch, mid, end, bytes, off, W, goLeft, k);
      idx.copyWithin(start + nA, mid, mid + nB);
      const rA = mid - start - nA;
      idx.set(scratch.subarray(start, start + rA), start + nA + nB);
      idx.set(scratch.subarray(mid, mid + (end - mid - nB)), start + nA + nB + rA);
      return start + nA + nB;
    }
    const nl = partitionRows(idx, scratch, start, end, bytes, off, W, goLeft, packed?.kernels);
    idx.set(scratch.subarray(start, start + (end - start - nl)), start + nl);
    return start + nl;
  }

  private take(): Float64Array {
    this.live++;
    return this.pool.pop() ?? new Float64Array(this.layout.size);
  }

  private release(leaf: Leaf): void {
    if (!leaf.hist) return;
    this.pool.push(leaf.hist);
    leaf.hist = null;
    this.live--;
  }
}

/**
 * One class (at most one channel of one-hot gradient sums is not 0): no split of such a
 * node gains anything, so it is a leaf without drawing features or building a histogram.
 */
function pure(G: Float64Array): boolean {
  let nonzero = 0;
  for (let c = 0; c < G.length; c++) if (G[c] !== 0) nonzero++;
  return nonzero <= 1;
}

/** Max-heap of leaf indices ordered by their split gain (ties: lower index first). */
class LeafHeap {
  private readonly items: number[] = [];
  constructor(private readonly leaves: Leaf[]) {}

  get size(): number {
    return this.items.length;
  }

  private better(a: number, b: number): boolean {
    const ga = (this.leaves[a].split as Split).gain;
    const gb = (this.leaves[b].split as Split).gain;
    return ga > gb || (ga === gb && a < b);
  }

  push(l: number): void {
    const it = this.items;
    it.push(l);
    let i = it.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.better(it[i], it[p])) break;
      [it[i], it[p]] = [it[p], it[i]];
      i = p;
    }
  }

  pop(): number {
    const it = this.items;
    const top = it[0];
    const last = it.pop() as number;
    if (it.length > 0) {
      it[0] = last;
      let i = 0;
      for (;;) {
        const a = 2 * i + 1;
        const b = a + 1;
        let m = i;
        if (a < it.length && this.better(it[a], it[m])) m = a;
        if (b < it.length && this.better(it[b], it[m])) m = b;
        if (m === i) break;
        [it[i], it[m]] = [it[m], it[i]];
        i = m;
      }
    }
    return top;
  }
}
