/**
 * A fitted tree ensemble (training/learners/gbdt/) as one ai.onnx.ml TreeEnsemble node
 * (opset 5): numeric splits are BRANCH_LEQ on the raw value with the learned missing
 * direction, categorical splits are BRANCH_MEMBER on the category code (the bitset's
 * members, the missing bin included). Output and input are double, so thresholds and
 * leaf sums are the engine's. A leaf holding several values (a multi-output forest) is
 * written as one copy of the tree per output, each leaf adding to one target; forests'
 * averaging is folded into the leaf weights. See docs/architecture.md ("Inside the training capability").
 */
import type { TreeEnsemble } from '../../training/learners/gbdt/tree-ensemble';
import { attr, type GraphBuilder } from './graph-builder';
import { DT } from './onnx-proto';

const BRANCH_LEQ = 0;
const BRANCH_MEMBER = 6;

/** The learner's missing bin per feature: where NaN and unknown category codes go. */
export function missingBins(model: TreeEnsemble): Int32Array {
  return Int32Array.from(model.mappers, (m) => m.nBins);
}

interface Columns {
  featureIds: number[];
  modes: number[];
  splits: number[];
  missingTrue: number[];
  trueIds: number[];
  trueLeaf: number[];
  falseIds: number[];
  falseLeaf: number[];
  members: number[];
  roots: number[];
  leafTargets: number[];
  leafWeights: number[];
}

/** Raw scores [N, nOut]: boosting's margins (initial score added) or forests' averages. */
export function treeScores(b: GraphBuilder, model: TreeEnsemble, X: string): string {
  const t = model.trees;
  const weight = model.combine === 'mean' ? 1 / Math.max(1, t.nTrees) : 1;
  const c: Columns = {
    featureIds: [],
    modes: [],
    splits: [],
    missingTrue: [],
    trueIds: [],
    trueLeaf: [],
    falseIds: [],
    falseLeaf: [],
    members: [],
    roots: [],
    leafTargets: [],
    leafWeights: [],
  };
  for (let tree = 0; tree < t.nTrees; tree++)
    for (let k = 0; k < t.leafWidth; k++) addTree(c, model, tree, k, weight);
  const scores = b.op(
    'TreeEnsemble',
    [X],
    {
      n_targets: attr.int(model.nOut),
      aggregate_function: attr.int(1),
      post_transform: attr.int(0),
      tree_roots: attr.ints(c.roots),
      nodes_featureids: attr.ints(c.featureIds),
      nodes_modes: attr.tensor({ dims: [c.modes.length], data: { type: DT.UINT8, values: c.modes } }),
      nodes_splits: attr.tensor({ dims: [c.splits.length], data: { type: DT.DOUBLE, values: c.splits } }),
      nodes_missing_value_tracks_true: attr.ints(c.missingTrue),
      nodes_truenodeids: attr.ints(c.trueIds),
      nodes_trueleafs: attr.ints(c.trueLeaf),
      nodes_falsenodeids: attr.ints(c.falseIds),
      nodes_falseleafs: attr.ints(c.falseLeaf),
      leaf_targetids: attr.ints(c.leafTargets),
      leaf_weights: attr.tensor({
        dims: [c.leafWeights.length],
        data: { type: DT.DOUBLE, values: c.leafWeights },
      }),
      ...(c.members.length
        ? {
            membership_values: attr.tensor({
              dims: [c.members.length],
              data: { type: DT.DOUBLE, values: c.members },
            }),
          }
        : {}),
    },
    { domain: 'ml' },
  );
  if (model.combine !== 'sum') return scores;
  return b.op('Add', [scores, b.doubles('init', model.init, [1, model.nOut])]);
}

/** Appends tree `tree`'s nodes and its leaves' k-th values (target treeOutput + k). */
function addTree(c: Columns, model: TreeEnsemble, tree: number, k: number, weight: number): void {
  const t = model.trees;
  const ns = t.nodeStart[tree];
  const nNodes = t.nodeStart[tree + 1] - ns;
  const ls = t.leafStart[tree];
  const nLeaves = t.leafStart[tree + 1] - ls;
  const nodeBase = c.featureIds.length;
  const leafBase = c.leafTargets.length;
  const target = t.treeOutput[tree] + k;
  for (let l = 0; l < nLeaves; l++) {
    c.leafTargets.push(target);
    c.leafWeights.push(t.leafValue[(ls + l) * t.leafWidth + k] * weight);
  }
  c.roots.push(nodeBase);
  if (nNodes === 0) {
    // A lone leaf: ONNX roots are nodes, so one node whose both branches reach it.
    pushNode(c, 0, BRANCH_LEQ, 0, 0);
    pushChild(c, true, ~0, nodeBase, leafBase);
    pushChild(c, false, ~0, nodeBase, leafBase);
    return;
  }
  for (let j = 0; j < nNodes; j++) {
    const g = ns + j;
    const f = t.feature[g];
    if (t.flags[g] & 2) {
      pushNode(c, f, BRANCH_MEMBER, 0, 0);
      addMembers(c, model, g, model.mappers[f].nBins);
    } else pushNode(c, f, BRANCH_LEQ, t.threshold[g], t.flags[g] & 1);
    pushChild(c, true, t.left[g], nodeBase, leafBase);
    pushChild(c, false, t.right[g], nodeBase, leafBase);
  }
}

function pushNode(c: Columns, feature: number, mode: number, split: number, missingTrue: number): void {
  c.featureIds.push(feature);
  c.modes.push(mode);
  c.splits.push(split);
  c.missingTrue.push(missingTrue);
}

/** Children are local node indices (≥ 0) or ~leaf (< 0), as in flat-trees.ts. */
function pushChild(c: Columns, isTrue: boolean, child: number, nodeBase: number, leafBase: number): void {
  const leaf = child < 0;
  (isTrue ? c.trueIds : c.falseIds).push(leaf ? leafBase + ~child : nodeBase + child);
  (isTrue ? c.trueLeaf : c.falseLeaf).push(leaf ? 1 : 0);
}

/** The codes (0 … missing bin) whose bit is set go to the true (left) branch. */
function addMembers(c: Columns, model: TreeEnsemble, g: number, missingBin: number): void {
  const t = model.trees;
  const start = t.catStart[g];
  let any = false;
  for (let code = 0; code <= missingBin; code++) {
    if ((t.catBits[start + (code >>> 5)] >>> (code & 31)) & 1) {
      c.members.push(code);
      any = true;
    }
  }
  // An empty set: a code the preprocessing never produces, so every row goes right.
  if (!any) c.members.push(-1);
  c.members.push(NaN);
}
