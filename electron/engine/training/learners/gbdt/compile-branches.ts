/**
 * The general tree compiler: each group of trees becomes one function of nested
 * `if (x <= threshold)` tests with the leaf values as literals; trees too large or deep
 * to compile sensibly stay walked by `predictRaw`. Stages run in tree order over each
 * block of rows, so sums round exactly as the reference's (see compiled-trees.ts).
 */
import { int, num, type CompiledTrees } from './compiled-common';
import { predictRaw, type FlatTrees } from './flat-trees';

/** Adds trees' outputs for rows [b0, b1) to `out` (row-major, `outWidth` wide). */
type Stage = (X: Float64Array[], out: Float64Array, b0: number, b1: number) => void;

/** Compiled functions stay small enough for V8 to optimise them. */
const GROUP_NODES = 640;
const GROUP_TREES = 24;
/** Larger or deeper trees are walked, not compiled. */
const MAX_TREE_NODES = 4096;
const MAX_TREE_DEPTH = 48;
/** Beyond this many compiled nodes in total, the rest are walked. */
const MAX_TOTAL_NODES = 400_000;
/** Rows per block: a block's feature values stay in cache while every stage passes over it. */
const BLOCK = 512;

function treeDepth(trees: FlatTrees, t: number): number {
  const ns = trees.nodeStart[t];
  if (trees.nodeStart[t + 1] === ns) return 0;
  let max = 0;
  const stack: number[] = [0, 1];
  while (stack.length) {
    const d = stack.pop() as number;
    const node = stack.pop() as number;
    if (d > max) max = d;
    for (const c of [trees.left[ns + node], trees.right[ns + node]]) if (c >= 0) stack.push(c, d + 1);
  }
  return max;
}

export function compileBranches(
  trees: FlatTrees,
  missingBin: Int32Array,
  outWidth: number,
  weight: number,
): CompiledTrees {
  const { nodeStart, leafStart, treeOutput, feature, threshold, flags, left, right, catStart, leafValue } =
    trees;
  const W = trees.leafWidth;
  const compilable = (t: number): boolean =>
    nodeStart[t + 1] - nodeStart[t] <= MAX_TREE_NODES && treeDepth(trees, t) <= MAX_TREE_DEPTH;

  const stages: Stage[] = [];
  let totalNodes = 0;
  let t = 0;
  while (t < trees.nTrees) {
    if (!compilable(t) || totalNodes > MAX_TOTAL_NODES) {
      let t1 = t + 1;
      while (t1 < trees.nTrees && (!compilable(t1) || totalNodes > MAX_TOTAL_NODES)) t1++;
      stages.push(walkStage(trees, missingBin, outWidth, weight, t, t1));
      t = t1;
      continue;
    }
    let t1 = t;
    let nodes = 0;
    while (
      t1 < trees.nTrees &&
      t1 - t < GROUP_TREES &&
      compilable(t1) &&
      (t1 === t || nodes + nodeStart[t1 + 1] - nodeStart[t1] <= GROUP_NODES)
    ) {
      nodes += nodeStart[t1 + 1] - nodeStart[t1];
      t1++;
    }
    totalNodes += nodes;
    stages.push(compileGroup(t, t1));
    t = t1;
  }

  function compileGroup(t0: number, t1: number): Stage {
    const used = new Set<number>();
    const outs = new Set<number>();
    const body: string[] = [];
    const emitLeaf = (tt: number, leaf: number, pad: string): void => {
      const lv = (leafStart[tt] + leaf) * W;
      for (let c = 0; c < W; c++) {
        const o = treeOutput[tt] + c;
        outs.add(o);
        body.push(`${pad}s${int(o)} += ${num(leafValue[lv + c] * weight)};`);
      }
    };
    const emitNode = (tt: number, node: number, pad: string): void => {
      if (node < 0) {
        emitLeaf(tt, ~node, pad);
        return;
      }
      const g = nodeStart[tt] + node;
      const f = feature[g];
      used.add(f);
      const x = `x${int(f)}[i]`;
      const fl = flags[g];
      let cond: string;
      if (fl & 2) {
        const mb = int(missingBin[f]);
        cond =
          `(v = ${x}, c = v === v && v >= 0 && v < ${mb} ? v : ${mb}, ` +
          `((catBits[${int(catStart[g])} + (c >>> 5)] >>> (c & 31)) & 1) === 1)`;
      } else {
        const th = threshold[g];
        if (th !== th) cond = fl & 1 ? `${x} !== ${x}` : 'false';
        else cond = fl & 1 ? `!(${x} > ${num(th)})` : `${x} <= ${num(th)}`;
      }
      body.push(`${pad}if (${cond}) {`);
      emitNode(tt, left[g], `${pad}  `);
      body.push(`${pad}} else {`);
      emitNode(tt, right[g], `${pad}  `);
      body.push(`${pad}}`);
    };
    for (let tt = t0; tt < t1; tt++) {
      if (nodeStart[tt + 1] === nodeStart[tt]) emitLeaf(tt, 0, '    ');
      else emitNode(tt, 0, '    ');
    }
    const outList = [...outs].sort((a, b) => a - b);
    const head = [...used].sort((a, b) => a - b).map((f) => `  const x${int(f)} = X[${int(f)}];`);
    const src = [
      '"use strict";',
      ...head,
      `  let v = 0, c = 0;`,
      `  for (let i = b0; i < b1; i++) {`,
      `    const o = i * ${int(outWidth)};`,
      ...outList.map((k) => `    let s${int(k)} = out[o + ${int(k)}];`),
      ...body,
      ...outList.map((k) => `    out[o + ${int(k)}] = s${int(k)};`),
      '  }',
    ].join('\n');
    const fn = new Function('catBits', 'X', 'out', 'b0', 'b1', src) as (
      catBits: Uint32Array,
      X: Float64Array[],
      out: Float64Array,
      b0: number,
      b1: number,
    ) => void;
    const bits = trees.catBits;
    return (X, out, b0, b1) => fn(bits, X, out, b0, b1);
  }

  return {
    kind: 'branches',
    outWidth,
    run(X, out, b0, b1) {
      for (let s0 = b0; s0 < b1; s0 += BLOCK) {
        const s1 = Math.min(b1, s0 + BLOCK);
        for (const stage of stages) stage(X, out, s0, s1);
      }
    },
  };
}

/** Trees [t0, t1) walked node by node (the reference path) for rows [b0, b1). */
function walkStage(
  trees: FlatTrees,
  missingBin: Int32Array,
  outWidth: number,
  weight: number,
  t0: number,
  t1: number,
): Stage {
  return (X, out, b0, b1) => predictRaw(trees, X, missingBin, out, outWidth, weight, t0, t1, b0, b1);
}
