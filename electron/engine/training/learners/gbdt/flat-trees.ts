/**
 * Trees flattened into parallel typed arrays, the form used for prediction,
 * serialisation and importance. Children are local node indices (≥ 0) or leaves
 * encoded as ~leaf (< 0), as in LightGBM's model format. Prediction walks rows in
 * blocks so one tree's nodes stay in cache while a few thousand rows pass through it.
 */
import type { BinnedMatrix } from './binning';

export interface FlatTrees {
  nTrees: number;
  /** Values per leaf (1 for boosting, classes for a multi-output forest). */
  leafWidth: number;
  /** Output column each tree adds to (boosting: its class). */
  treeOutput: Int32Array;
  nodeStart: Int32Array;
  leafStart: Int32Array;
  feature: Int32Array;
  /** Numeric: go left when value ≤ threshold. */
  threshold: Float64Array;
  /** The same boundary as a bin, for prediction on binned rows. */
  bin: Uint8Array;
  /** bit 0: missing goes left; bit 1: categorical split. */
  flags: Uint8Array;
  /** Categorical: word offset of the node's 8-word bitset in `catBits`; −1 otherwise. */
  catStart: Int32Array;
  catBits: Uint32Array;
  left: Int32Array;
  right: Int32Array;
  gain: Float64Array;
  leafValue: Float64Array;
}

/** Collects trees one by one, then freezes them into a FlatTrees. */
export class FlatTreesBuilder {
  private readonly nodes = {
    feature: [] as number[],
    threshold: [] as number[],
    bin: [] as number[],
    flags: [] as number[],
    catStart: [] as number[],
    left: [] as number[],
    right: [] as number[],
    gain: [] as number[],
  };
  private readonly catBits: number[] = [];
  private readonly leafValue: number[] = [];
  private readonly nodeStart: number[] = [0];
  private readonly leafStart: number[] = [0];
  private readonly treeOutput: number[] = [];

  constructor(private readonly leafWidth: number) {}

  get nTrees(): number {
    return this.treeOutput.length;
  }

  add(tree: GrownTree, output: number, scale: number): void {
    const nd = this.nodes;
    for (let j = 0; j < tree.nNodes; j++) {
      nd.feature.push(tree.feature[j]);
      nd.threshold.push(tree.threshold[j]);
      nd.bin.push(tree.bin[j]);
      nd.flags.push(tree.flags[j]);
      nd.left.push(tree.left[j]);
      nd.right.push(tree.right[j]);
      nd.gain.push(tree.gain[j]);
      const bits = tree.catBits[j];
      if (bits) {
        nd.catStart.push(this.catBits.length);
        for (let w = 0; w < 8; w++) this.catBits.push(bits[w]);
      } else nd.catStart.push(-1);
    }
    for (let v = 0; v < tree.nLeaves * this.leafWidth; v++) this.leafValue.push(tree.leafValue[v] * scale);
    this.nodeStart.push(nd.feature.length);
    this.leafStart.push(this.leafValue.length / this.leafWidth);
    this.treeOutput.push(output);
  }

  /** Drops trees after the first `keep` (early stopping keeps the best iteration). */
  truncate(keep: number): void {
    if (keep >= this.nTrees) return;
    const nNodes = this.nodeStart[keep];
    const nLeaves = this.leafStart[keep];
    const nd = this.nodes;
    const firstCat = nd.catStart.slice(nNodes).find((c) => c >= 0);
    for (const k of Object.keys(nd) as Array<keyof typeof nd>) nd[k].length = nNodes;
    if (firstCat !== undefined) this.catBits.length = firstCat;
    this.leafValue.length = nLeaves * this.leafWidth;
    this.nodeStart.length = keep + 1;
    this.leafStart.length = keep + 1;
    this.treeOutput.length = keep;
  }

  build(): FlatTrees {
    const nd = this.nodes;
    return {
      nTrees: this.treeOutput.length,
      leafWidth: this.leafWidth,
      treeOutput: Int32Array.from(this.treeOutput),
      nodeStart: Int32Array.from(this.nodeStart),
      leafStart: Int32Array.from(this.leafStart),
      feature: Int32Array.from(nd.feature),
      threshold: Float64Array.from(nd.threshold),
      bin: Uint8Array.from(nd.bin),
      flags: Uint8Array.from(nd.flags),
      catStart: Int32Array.from(nd.catStart),
      catBits: Uint32Array.from(this.catBits),
      left: Int32Array.from(nd.left),
      right: Int32Array.from(nd.right),
      gain: Float64Array.from(nd.gain),
      leafValue: Float64Array.from(this.leafValue),
    };
  }
}

/** One tree as the grower produced it (local indices). */
export interface GrownTree {
  nNodes: number;
  nLeaves: number;
  feature: Int32Array;
  threshold: Float64Array;
  bin: Uint8Array;
  flags: Uint8Array;
  catBits: Array<Uint32Array | null>;
  left: Int32Array;
  right: Int32Array;
  gain: Float64Array;
  leafValue: Float64Array;
}

const BLOCK = 4096;

/**
 * Adds every tree's output to `out` (n × outWidth, row-major) from raw feature values.
 * Categorical features carry codes; `missingBin[f]` is where NaN lands for them. The
 * reference predictor (`compiled-trees.ts` must match it bit for bit); trees [t0, t1)
 * and rows [r0, r1) restrict it to a slice.
 */
export function predictRaw(
  trees: FlatTrees,
  X: Float64Array[],
  missingBin: Int32Array,
  out: Float64Array,
  outWidth: number,
  weight = 1,
  t0 = 0,
  t1 = trees.nTrees,
  r0 = 0,
  r1 = X.length ? X[0].length : out.length / outWidth,
): void {
  const {
    feature,
    threshold,
    flags,
    left,
    right,
    catStart,
    catBits,
    leafValue,
    nodeStart,
    leafStart,
    treeOutput,
  } = trees;
  const W = trees.leafWidth;
  let numeric = true;
  for (let g = nodeStart[t0]; g < nodeStart[t1] && numeric; g++) numeric = (flags[g] & 2) === 0;
  for (let b0 = r0; b0 < r1; b0 += BLOCK) {
    const b1 = Math.min(r1, b0 + BLOCK);
    for (let t = t0; t < t1; t++) {
      const ns = nodeStart[t];
      const ls = leafStart[t];
      const o = treeOutput[t];
      const single = nodeStart[t + 1] === ns;
      if (numeric && !single) {
        walkNumeric(trees, X, ns, ls, o, out, outWidth, weight, b0, b1);
        continue;
      }
      for (let i = b0; i < b1; i++) {
        let leaf = 0;
        if (!single) {
          let node = 0;
          {
            for (;;) {
              const g = ns + node;
              const f = feature[g];
              const x = X[f][i];
              const fl = flags[g];
              let goLeft: boolean;
              if (fl & 2) {
                const mb = missingBin[f];
                const b = x === x && x >= 0 && x < mb ? x : mb;
                goLeft = ((catBits[catStart[g] + (b >>> 5)] >>> (b & 31)) & 1) === 1;
              } else goLeft = x === x ? x <= threshold[g] : (fl & 1) === 1;
              node = goLeft ? left[g] : right[g];
              if (node < 0) break;
            }
          }
          leaf = ~node;
        }
        const lv = (ls + leaf) * W;
        const oo = i * outWidth + o;
        if (W === 1) out[oo] += leafValue[lv] * weight;
        else for (let c = 0; c < W; c++) out[oo + c] += leafValue[lv + c] * weight;
      }
    }
  }
}

/**
 * One tree without categorical splits over rows [b0, b1), two rows at a time: the two
 * walks are independent chains of loads, so the CPU overlaps them (each row's outputs
 * still add tree by tree, as in `predictRaw`). `x <= t` or a NaN sent left is `goLeft`
 * exactly as the reference tests it, a NaN threshold included.
 */
function walkNumeric(
  trees: FlatTrees,
  X: Float64Array[],
  ns: number,
  ls: number,
  o: number,
  out: Float64Array,
  outWidth: number,
  weight: number,
  b0: number,
  b1: number,
): void {
  const { feature, threshold, flags, left, right, leafValue } = trees;
  const W = trees.leafWidth;
  let i = b0;
  for (; i < b1; i += 2) {
    const j = i + 1 < b1 ? i + 1 : i;
    let a = 0;
    let b = 0;
    while (a >= 0 && b >= 0) {
      const ga = ns + a;
      const gb = ns + b;
      const xa = X[feature[ga]][i];
      const xb = X[feature[gb]][j];
      a = xa <= threshold[ga] || (xa !== xa && (flags[ga] & 1) === 1) ? left[ga] : right[ga];
      b = xb <= threshold[gb] || (xb !== xb && (flags[gb] & 1) === 1) ? left[gb] : right[gb];
    }
    while (a >= 0) {
      const g = ns + a;
      const x = X[feature[g]][i];
      a = x <= threshold[g] || (x !== x && (flags[g] & 1) === 1) ? left[g] : right[g];
    }
    while (b >= 0) {
      const g = ns + b;
      const x = X[feature[g]][j];
      b = x <= threshold[g] || (x !== x && (flags[g] & 1) === 1) ? left[g] : right[g];
    }
    const la = (ls + ~a) * W;
    const oa = i * outWidth + o;
    if (W === 1) out[oa] += leafValue[la] * weight;
    else for (let c = 0; c < W; c++) out[oa + c] += leafValue[la + c] * weight;
    if (j === i) break;
    const lb = (ls + ~b) * W;
    const ob = j * outWidth + o;
    if (W === 1) out[ob] += leafValue[lb] * weight;
    else for (let c = 0; c < W; c++) out[ob + c] += leafValue[lb + c] * weight;
  }
}

/**
 * Adds one freshly grown tree's output (times `scale`) to column `o` of `out` for the
 * given binned rows: training-time updates of out-of-bag and validation scores.
 */
export function addGrownTree(
  tree: GrownTree,
  data: BinnedMatrix,
  missingBin: Int32Array,
  rows: Uint32Array | null,
  out: Float64Array,
  outWidth: number,
  o: number,
  scale: number,
): void {
  const { feature, bin, flags, left, right, catBits, leafValue } = tree;
  const n = data.n;
  const bins = data.bins;
  const m = rows ? rows.length : n;
  if (tree.nNodes === 0) {
    const v = leafValue[0] * scale;
    for (let r = 0; r < m; r++) out[(rows ? rows[r] : r) * outWidth + o] += v;
    return;
  }
  for (let r = 0; r < m; r++) {
    const i = rows ? rows[r] : r;
    let node = 0;
    for (;;) {
      const f = feature[node];
      const b = bins[f * n + i];
      const fl = flags[node];
      let goLeft: boolean;
      if (fl & 2) {
        const bits = catBits[node] as Uint32Array;
        goLeft = ((bits[b >>> 5] >>> (b & 31)) & 1) === 1;
      } else goLeft = b === missingBin[f] ? (fl & 1) === 1 : b <= bin[node];
      node = goLeft ? left[node] : right[node];
      if (node < 0) break;
    }
    out[i * outWidth + o] += leafValue[~node] * scale;
  }
}
