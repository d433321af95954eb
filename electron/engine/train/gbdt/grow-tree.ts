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
import { buildHistogram, gatherGradients, subtractInto, type HistLayout } from './histogram';
import { leafOutput, SplitFinder, type LeafTotals, type Split, type SplitParams } from './split';

export interface GrowOptions extends SplitParams {
  /** 0 = unlimited. */
  maxLeaves: number;
  /** 0 = unlimited. */
  maxDepth: number;
  /** Features tried per split, drawn at random from the tree's features; 0 = all of them. */
  featuresPerSplit: number;
  extraTrees: boolean;
}

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
  private readonly scratch: Uint32Array;
  private readonly finder: SplitFinder;
  private readonly pool: Float64Array[] = [];
  private live = 0;
  private readonly maxLive: number;
  private readonly missing: Int32Array;

  constructor(
    private readonly data: BinnedMatrix,
    private readonly mappers: BinMapper[],
    private readonly layout: HistLayout,
    private readonly opts: GrowOptions,
  ) {
    this.og = new Float64Array(data.n * layout.K);
    this.oh = new Float64Array(data.n);
    this.scratch = new Uint32Array(data.n);
    this.finder = new SplitFinder(layout, opts);
    this.maxLive = Math.max(4, Math.floor(HIST_BUDGET_BYTES / (layout.size * 8)));
    this.missing = Int32Array.from(mappers, (m) => m.nBins);
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
    this.currentIdx = idx;
    const rootTotals: LeafTotals = { G: new Float64Array(K), H: 0, count: m };
    for (let r = 0; r < m; r++) {
      const i = idx[r];
      for (let c = 0; c < K; c++) rootTotals.G[c] += g[i * K + c];
      rootTotals.H += h[i];
    }
    const root: Leaf = {
      start: 0,
      end: m,
      depth: 0,
      hist: this.take(),
      totals: rootTotals,
      split: null,
      parent: -1,
      isLeft: false,
    };
    if (identity)
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
    this.evaluate(root, treeFeatures, rng);

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
      const mid = this.partition(idx, leaf.start, leaf.end, sp);
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
      for (const child of [L, R]) {
        if (child.hist) this.evaluate(child, treeFeatures, rng);
        if (child.split) heap.push(child === L ? l : r);
        if (!child.split || this.live > this.maxLive) this.release(child);
      }
    }
    for (const leaf of leaves) if (leaf.hist) this.release(leaf);

    const nLeaves = leaves.length;
    const leafValue = new Float64Array(nLeaves * K);
    const ranges = new Int32Array(nLeaves * 2);
    for (let l = 0; l < nLeaves; l++) {
      leafOutput(leaves[l].totals.G, leaves[l].totals.H, opts, leafValue, l * K);
      ranges[2 * l] = leaves[l].start;
      ranges[2 * l + 1] = leaves[l].end;
    }
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
    let features = treeFeatures;
    const k = this.opts.featuresPerSplit;
    if (k > 0 && k < treeFeatures.length) {
      const pick = rng.sample(treeFeatures.length, k);
      features = Int32Array.from(pick, (j) => treeFeatures[j]);
    }
    leaf.split = this.finder.find(leaf.hist, features, leaf.totals, this.opts.extraTrees ? rng : null);
  }

  private buildFor(leaf: Leaf, g: Float64Array, h: Float64Array, treeFeatures: Int32Array): void {
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

  /** The row-index array of the tree being grown. */
  private currentIdx: Uint32Array = new Uint32Array(0);

  /** Stable partition of idx[start..end) by the split; returns the first right position. */
  private partition(idx: Uint32Array, start: number, end: number, sp: Split): number {
    const n = this.data.n;
    const col = this.data.bins.subarray(sp.feature * n, sp.feature * n + n);
    const scratch = this.scratch;
    let nl = start;
    let nr = 0;
    if (sp.categorical) {
      const bits = sp.catBits as Uint32Array;
      for (let k = start; k < end; k++) {
        const i = idx[k];
        const b = col[i];
        if ((bits[b >>> 5] >>> (b & 31)) & 1) idx[nl++] = i;
        else scratch[nr++] = i;
      }
    } else {
      const miss = this.missing[sp.feature];
      const thr = sp.bin;
      const dl = sp.defaultLeft;
      for (let k = start; k < end; k++) {
        const i = idx[k];
        const b = col[i];
        if (b === miss ? dl : b <= thr) idx[nl++] = i;
        else scratch[nr++] = i;
      }
    }
    idx.set(scratch.subarray(0, nr), nl);
    return nl;
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
