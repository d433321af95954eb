/**
 * The fast tree compiler for trees of ≤ 32 leaves (the boosting case): rows are binned
 * against the model's own thresholds and each tree becomes a few table lookups and ANDs
 * with no data-dependent branches. Results are bit-identical to the reference walk (see
 * compiled-trees.ts).
 */
import { int, num, type CompiledTrees } from './compiled-common';
import type { FlatTrees } from './flat-trees';

/**
 * The fast path for trees of ≤ 32 leaves (QuickScorer's idea on bins). Inputs are first
 * binned against the model's own thresholds: per numeric feature, the sorted distinct
 * thresholds its splits use, so `x ≤ threshold[k]` holds exactly when `bin(x) ≤ k`
 * (bin = how many thresholds are < x; NaN gets its own bin). Categorical features take
 * the reference's bin (code, or the missing bin). Then every node's decision is a
 * function of one bin. Leaves are numbered left to right; a node that sends a row right
 * rules out its left subtree's leaves, and the row's leaf is the leftmost leaf nobody
 * ruled out. Per tree and feature a 256-entry table holds, for each bin, the AND of the
 * masks of that feature's nodes, so one row and tree cost one table lookup per feature
 * the tree uses, an AND each, and a count of trailing zeros: no unpredictable branches.
 */
export interface BinnedPlan {
  d: number;
  /** Per feature: sorted distinct thresholds (numeric), null (categorical), or undefined (unused). */
  edges: Array<Float64Array | null | undefined>;
  missingBin: Int32Array;
  /** Per numeric feature: a bucket index that narrows the search (see `bucketIndex`). */
  index?: Array<BucketIndex | null>;
}

/**
 * Equal-width buckets over the thresholds' range: `h = clamp((x − lo) · scale)` is
 * monotone in x, so every threshold in a lower bucket than x's is < x and every one in a
 * higher bucket is > x; only the ≤ M thresholds in x's own bucket need comparing.
 */
interface BucketIndex {
  lo: number;
  scale: number;
  /** Thresholds in lower buckets, per bucket. */
  first: Uint8Array;
  /** Thresholds padded with M × +∞. */
  padded: Float64Array;
  M: number;
}

const BUCKETS = 4096;
const MAX_PER_BUCKET = 4;

function bucketOf(ix: { lo: number; scale: number }, x: number): number {
  return Math.min(BUCKETS - 1, Math.max(0, (x - ix.lo) * ix.scale)) | 0;
}

function bucketIndex(e: Float64Array): BucketIndex | null {
  const K = e.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < K; j++) {
    if (!Number.isFinite(e[j])) continue;
    if (e[j] < lo) lo = e[j];
    if (e[j] > hi) hi = e[j];
  }
  if (!(lo <= hi)) return null;
  const scale = hi > lo && Number.isFinite(BUCKETS / (hi - lo)) ? BUCKETS / (hi - lo) : 0;
  const ix = { lo, scale };
  const count = new Int32Array(BUCKETS);
  for (let j = 0; j < K; j++) count[bucketOf(ix, e[j])]++;
  let M = 0;
  for (let h = 0; h < BUCKETS; h++) if (count[h] > M) M = count[h];
  if (M > MAX_PER_BUCKET) return null;
  const first = new Uint8Array(BUCKETS);
  for (let h = 1; h < BUCKETS; h++) first[h] = first[h - 1] + count[h - 1];
  const padded = new Float64Array(K + M).fill(Infinity);
  padded.set(e);
  return { ...ix, first, padded, M };
}

export function binRows(plan: BinnedPlan, X: Float64Array[], r0: number, r1: number, out: Uint8Array): void {
  const d = plan.d;
  for (let f = 0; f < d; f++) {
    const e = plan.edges[f];
    if (e === undefined) continue;
    const col = X[f];
    if (e === null) {
      const mb = plan.missingBin[f];
      for (let i = r0, p = f; i < r1; i++, p += d) {
        const v = col[i];
        out[p] = v === v && v >= 0 && v < mb ? v : mb;
      }
      continue;
    }
    const K = e.length;
    const ix = plan.index?.[f];
    if (ix) {
      const { lo, scale, first, padded, M } = ix;
      for (let i = r0, p = f; i < r1; i++, p += d) {
        const x = col[i];
        const h = Math.min(BUCKETS - 1, Math.max(0, (x - lo) * scale)) | 0;
        let c = first[h];
        const j = c;
        for (let m = 0; m < M; m++) c += +(padded[j + m] < x);
        out[p] = x === x ? c : K + 1;
      }
      continue;
    }
    let P = 1;
    while (P < K + 1) P <<= 1;
    const pad = new Float64Array(P).fill(Infinity);
    pad.set(e);
    for (let i = r0, p = f; i < r1; i++, p += d) {
      const x = col[i];
      let lo = 0;
      for (let step = P >>> 1; step > 0; step >>>= 1) lo += +(pad[lo + step - 1] < x) * step;
      out[p] = x === x ? lo : K + 1;
    }
  }
}

/** Trees per generated function on the mask path. */
const MASK_GROUP = 4;
/** Table budget (entries) for the mask path; bigger models use the branchy compiled path. */
const MAX_TABLE = 16 << 20;

export function compileMaskTrees(
  trees: FlatTrees,
  missingBin: Int32Array,
  outWidth: number,
  weight: number,
  d: number,
): CompiledTrees | null {
  const {
    nodeStart,
    leafStart,
    treeOutput,
    feature,
    threshold,
    flags,
    left,
    right,
    catStart,
    catBits,
    leafValue,
  } = trees;
  const W = trees.leafWidth;
  // Big trees (forests) never fit: say so before scanning thresholds.
  if (!masksFit(trees)) return null;
  // Bins: which features are numeric/categorical in this model, and their thresholds.
  const kind = new Int8Array(d); // 0 unused, 1 numeric, 2 categorical
  const thr: number[][] = Array.from({ length: d }, () => []);
  for (let g = 0; g < feature.length; g++) {
    const f = feature[g];
    if (f < 0 || f >= d) return null;
    const k = flags[g] & 2 ? 2 : 1;
    if (kind[f] && kind[f] !== k) return null;
    kind[f] = k;
    if (k === 2) {
      if (missingBin[f] > 255 || missingBin[f] < 0) return null;
    } else if (threshold[g] === threshold[g]) thr[f].push(threshold[g]);
  }
  const edges: BinnedPlan['edges'] = [];
  for (let f = 0; f < d; f++) {
    if (kind[f] === 0) edges.push(undefined);
    else if (kind[f] === 2) edges.push(null);
    else {
      const s = Float64Array.from(thr[f]).sort();
      const u: number[] = [];
      for (let j = 0; j < s.length; j++) if (j === 0 || s[j] !== s[j - 1]) u.push(s[j]);
      if (u.length > 254) return null;
      edges.push(Float64Array.from(u));
    }
  }
  const plan: BinnedPlan = { d, edges, missingBin, index: edges.map((e) => (e ? bucketIndex(e) : null)) };

  // Tables, leaf values in left-to-right order, and one code line per tree.
  let tableSize = 0;
  let nLeavesTotal = 0;
  for (let t = 0; t < trees.nTrees; t++) {
    nLeavesTotal += leafStart[t + 1] - leafStart[t];
  }
  const LV = new Float64Array(nLeavesTotal * W);
  const tableParts: Array<{ off: number; data: Uint32Array }> = [];
  const lines: string[][] = [];
  let lb = 0;
  for (let t = 0; t < trees.nTrees; t++) {
    const ns = nodeStart[t];
    const nLeaves = leafStart[t + 1] - leafStart[t];
    const code: string[] = [];
    if (nodeStart[t + 1] === ns) {
      for (let c = 0; c < W; c++)
        code.push(`s${int(treeOutput[t] + c)} += ${num(leafValue[leafStart[t] * W + c] * weight)};`);
      lines.push(code);

      continue;
    }
    // Leaf positions left to right; each internal node's left-subtree mask.
    const pos = new Int32Array(nLeaves);
    const leftMask = new Int32Array(nodeStart[t + 1] - ns);
    let next = 0;
    const visit = (node: number): number => {
      if (node < 0) {
        pos[~node] = next;
        return 1 << next++;
      }
      const lm = visit(left[ns + node]);
      leftMask[node] = lm;
      return lm | visit(right[ns + node]);
    };
    visit(0);
    for (let leaf = 0; leaf < nLeaves; leaf++)
      for (let c = 0; c < W; c++)
        LV[(lb + pos[leaf]) * W + c] = leafValue[(leafStart[t] + leaf) * W + c] * weight;
    const perFeature = new Map<number, Uint32Array>();
    for (let node = 0; node < leftMask.length; node++) {
      const g = ns + node;
      const f = feature[g];
      let tab = perFeature.get(f);
      if (!tab) {
        tab = new Uint32Array(256).fill(0xffffffff);
        perFeature.set(f, tab);
      }
      const clear = ~leftMask[node] >>> 0;
      const fl = flags[g];
      if (fl & 2) {
        for (let b = 0; b < 256; b++)
          if (((catBits[catStart[g] + (b >>> 5)] >>> (b & 31)) & 1) === 0) tab[b] &= clear;
      } else {
        const e = edges[f] as Float64Array;
        const th = threshold[g];
        const K = e.length;
        const k = th === th ? e.indexOf(th) : -1;
        if (th === th && k < 0) return null;
        for (let b = 0; b <= K; b++) if (!(b <= k)) tab[b] &= clear;
        if ((fl & 1) === 0) tab[K + 1] &= clear;
      }
    }
    const terms: string[] = [];
    for (const [f, tab] of [...perFeature].sort((a, b) => a[0] - b[0])) {
      tableParts.push({ off: tableSize, data: tab });
      terms.push(`T[${int(tableSize)} + B[p + ${int(f)}]]`);
      tableSize += 256;
      if (tableSize > MAX_TABLE) return null;
    }
    code.push(`m = ${terms.join(' & ')};`);
    code.push(`l = ${int(lb)} + 31 - Math.clz32(m & -m);`);
    for (let c = 0; c < W; c++)
      code.push(`s${int(treeOutput[t] + c)} += LV[${W === 1 ? 'l' : `l * ${int(W)} + ${int(c)}`}];`);
    lines.push(code);
    lb += nLeaves;
  }
  const T = new Uint32Array(tableSize);
  for (const part of tableParts) T.set(part.data, part.off);

  const fns: Array<
    (T: Uint32Array, LV: Float64Array, B: Uint8Array, out: Float64Array, b0: number, b1: number) => void
  > = [];
  for (let t0 = 0; t0 < trees.nTrees; t0 += MASK_GROUP) {
    const t1 = Math.min(trees.nTrees, t0 + MASK_GROUP);
    const outs = new Set<number>();
    for (let t = t0; t < t1; t++) for (let c = 0; c < W; c++) outs.add(treeOutput[t] + c);
    const outList = [...outs].sort((a, b) => a - b);
    const src = [
      '"use strict";',
      '  let m = 0, l = 0;',
      '  for (let i = b0, p = 0; i < b1; i++, p += ' + int(d) + ') {',
      `    const o = i * ${int(outWidth)};`,
      ...outList.map((k) => `    let s${int(k)} = out[o + ${int(k)}];`),
      ...lines
        .slice(t0, t1)
        .flat()
        .map((s) => `    ${s}`),
      ...outList.map((k) => `    out[o + ${int(k)}] = s${int(k)};`),
      '  }',
    ].join('\n');
    fns.push(new Function('T', 'LV', 'B', 'out', 'b0', 'b1', src) as (typeof fns)[number]);
  }
  let scratch = new Uint8Array(0);
  return {
    kind: 'masks',
    plan,
    outWidth,
    run(X, out, b0, b1) {
      if (scratch.length < MASK_BLOCK * d) scratch = new Uint8Array(MASK_BLOCK * d);
      const B = scratch;
      for (let s0 = b0; s0 < b1; s0 += MASK_BLOCK) {
        const s1 = Math.min(b1, s0 + MASK_BLOCK);
        binRows(plan, X, s0, s1, B);
        for (const fn of fns) fn(T, LV, B, out, s0, s1);
      }
    },
  };
}

const MASK_BLOCK = 1024;

/**
 * Runs a compiled predictor on a few blocks of dummy rows so V8 optimises its functions
 * before real data arrives (the mask path has no data-dependent branches, so any rows
 * exercise all of its code). The output is discarded.
 */
export function warmCompiled(compiled: CompiledTrees, d: number, rows = 16 * MASK_BLOCK): void {
  if (compiled.kind !== 'masks') return;
  const X = Array.from({ length: d }, () => new Float64Array(MASK_BLOCK));
  const out = new Float64Array(MASK_BLOCK * compiled.outWidth);
  for (let done = 0; done < rows; done += MASK_BLOCK) compiled.run(X, out, 0, MASK_BLOCK);
}

/** Whether every tree has ≤ 32 leaves, the mask compiler's first condition (its rarer limits make it return null). */
export function masksFit(trees: FlatTrees): boolean {
  for (let t = 0; t < trees.nTrees; t++) if (trees.leafStart[t + 1] - trees.leafStart[t] > 32) return false;
  return true;
}
