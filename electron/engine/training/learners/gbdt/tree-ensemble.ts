/**
 * A fitted tree ensemble as stored in a model: the bin mappers (to turn raw values into
 * bins and to know each feature's missing bin), the flattened trees and how their summed
 * outputs become a prediction (boosting adds an initial score and applies a link;
 * forests average). Shared by gradient boosting, random forest and extra trees.
 */
import type { BinMapper } from './binning';
import { compileBranches } from './compile-branches';
import { compileMaskTrees, masksFit } from './compile-masks';
import { warmCompiled, type CompiledTrees } from './compiled-trees';
import { PredictThread, THREAD_MIN_ROWS } from './predict-threads';
import { predictRaw, type FlatTrees } from './flat-trees';
import type { Task } from '../../types';

export interface TreeEnsemble {
  mappers: BinMapper[];
  trees: FlatTrees;
  /** Output columns: 1 for binary (positive-class score) and regression, classes for multiclass. */
  nOut: number;
  /** Boosting's starting score per output; zeros for forests. */
  init: Float64Array;
  /** 'sum' adds tree outputs (boosting); 'mean' averages them (forests). */
  combine: 'sum' | 'mean';
  task: Task;
}

/** Raw ensemble output, n × nOut: margins for boosting, averaged leaf values for forests. */
export function ensembleScores(model: TreeEnsemble, X: Float64Array[], n: number): Float64Array {
  const out = initialScores(model, n);
  const entry = compiledEntry(model);
  const fn = compiledFor(model, entry, n);
  if (!fn) {
    predictRaw(model.trees, X, entry.missing, out, model.nOut, entry.weight, 0, model.trees.nTrees, 0, n);
    return out;
  }
  const thread = n >= THREAD_MIN_ROWS && fn.kind === 'masks' ? threadFor(model, entry) : null;
  if (thread && entry.threadId && thread.ready(entry.threadId)) {
    // The worker takes the second half of the rows; each row is scored wholly by one thread.
    const h = n >> 1;
    const finish = thread.dispatch(entry.threadId, X, h, n, out, model.nOut);
    fn.run(X, out, 0, h);
    if (!finish(out)) fn.run(X, out, h, n);
    return out;
  }
  fn.run(X, out, 0, n);
  return out;
}

/**
 * Rescoring the same rows with some features' values replaced (permutation importance):
 * only the trees that split on a changed feature can move, so just those are walked
 * again. Each tree's own output on the original rows is kept (up to OWN_OUTPUT_CACHE
 * numbers), so a moved tree is walked once, on the new rows; past that it is walked on
 * both. Equal to a full rescoring up to rounding.
 */
export class EnsembleRescorer {
  /** The original rows' scores (equal to `ensembleScores`). */
  readonly scores: Float64Array;
  /** Per tree, its n × leafWidth outputs on the original rows; null past the cache's size. */
  private readonly own: Float64Array[] | null;
  private readonly missing: Int32Array;
  private readonly weight: number;

  constructor(
    private readonly model: TreeEnsemble,
    private readonly X: Float64Array[],
    private readonly n: number,
  ) {
    const { trees, nOut } = model;
    this.missing = missingBins(model);
    this.weight = treeWeight(model);
    const W = trees.leafWidth;
    if (trees.nTrees * n * W > OWN_OUTPUT_CACHE) {
      this.own = null;
      this.scores = ensembleScores(model, X, n);
      return;
    }
    // The scores are the kept outputs summed in tree order, as the walk and the compiled form add them.
    this.own = [];
    this.scores = initialScores(model, n);
    const one = new Float64Array(n * nOut);
    for (let t = 0; t < trees.nTrees; t++) {
      one.fill(0);
      predictRaw(trees, X, this.missing, one, nOut, this.weight, t, t + 1, 0, n);
      const o = trees.treeOutput[t];
      const mine = new Float64Array(n * W);
      for (let i = 0; i < n; i++)
        for (let c = 0; c < W; c++) {
          const v = one[i * nOut + o + c];
          mine[i * W + c] = v;
          this.scores[i * nOut + o + c] += v;
        }
      this.own.push(mine);
    }
  }

  /** Scores with `Xnew` in place of the original rows, which differ only in the `changed` features. */
  replacing(Xnew: Float64Array[], changed: Set<number>): Float64Array {
    const { trees, nOut } = this.model;
    const { n, weight, missing } = this;
    const W = trees.leafWidth;
    const out = this.scores.slice();
    for (let t = 0; t < trees.nTrees; t++) {
      let uses = false;
      for (let g = trees.nodeStart[t]; g < trees.nodeStart[t + 1] && !uses; g++)
        uses = changed.has(trees.feature[g]);
      if (!uses) continue;
      const mine = this.own?.[t];
      if (mine) {
        const o = trees.treeOutput[t];
        for (let i = 0; i < n; i++) for (let c = 0; c < W; c++) out[i * nOut + o + c] -= mine[i * W + c];
      } else predictRaw(trees, this.X, missing, out, nOut, -weight, t, t + 1, 0, n);
      predictRaw(trees, Xnew, missing, out, nOut, weight, t, t + 1, 0, n);
    }
    return out;
  }
}

/** Numbers `EnsembleRescorer` keeps of the trees' own outputs (256 MB of doubles at most). */
const OWN_OUTPUT_CACHE = 32_000_000;

/** `ensembleScores` by walking the flattened trees: the reference the compiled path must equal. */
export function ensembleScoresReference(model: TreeEnsemble, X: Float64Array[], n: number): Float64Array {
  const out = initialScores(model, n);
  predictRaw(model.trees, X, missingBins(model), out, model.nOut, treeWeight(model));
  return out;
}

function initialScores(model: TreeEnsemble, n: number): Float64Array {
  const out = new Float64Array(n * model.nOut);
  if (model.combine === 'sum') {
    for (let i = 0; i < n; i++) for (let k = 0; k < model.nOut; k++) out[i * model.nOut + k] = model.init[k];
  }
  return out;
}

const missingBins = (model: TreeEnsemble): Int32Array => Int32Array.from(model.mappers, (m) => m.nBins);
const treeWeight = (model: TreeEnsemble): number =>
  model.combine === 'mean' ? 1 / Math.max(1, model.trees.nTrees) : 1;

interface CompiledEntry {
  key: string;
  missing: Int32Array;
  weight: number;
  /** The compiled predictor once built; null while the trees are walked. */
  fn: CompiledTrees | null;
  /** Rows predicted by walking so far: compiling branches pays only past a volume of rows. */
  walkedRows: number;
  /** Walked rows after which compiling the branches pays for itself. */
  paybackRows: number;
  /** The model's id on the prediction worker, once posted. */
  threadId?: number;
}

/** Compiled predictors, built on first use per loaded model (never serialised). */
const compiled = new WeakMap<FlatTrees, CompiledEntry>();

/**
 * When compiling pays (docs/architecture.md, "Inside the training capability"). Most of
 * a compile's cost is V8 optimising the generated code: about 110 µs per node for the
 * mask form, which then saves about 1 ns per row and node over the walker, so it pays
 * after ~100,000 rows whatever the model's size (1,000 small trees fitted on digits took
 * 2.4 s to compile, more than their fit, to score 360 validation rows). Compiled
 * branches save about 1 µs a row on boosted trees of ~50 nodes and cost ~9 ms per
 * thousand nodes, so they pay after ~1,000 rows per node of a tree; on unpruned forests
 * (hundreds of nodes a tree) they ran 2–4× slower than the walker even over 20,000-row
 * batches, so such models are always walked.
 */
const MASK_PAYBACK_ROWS = 100_000;
const PAYBACK_ROWS_PER_NODE = 1000;
const COMPILE_MAX_MEAN_NODES = 128;

function compiledEntry(model: TreeEnsemble): CompiledEntry {
  const missing = missingBins(model);
  const weight = treeWeight(model);
  const key = `${model.nOut}|${weight}|${missing.join(',')}`;
  const hit = compiled.get(model.trees);
  if (hit && hit.key === key) return hit;
  const trees = model.trees;
  const nodesPerTree = trees.nTrees ? trees.feature.length / trees.nTrees : 0;
  const paybackRows = masksFit(trees)
    ? MASK_PAYBACK_ROWS
    : nodesPerTree > COMPILE_MAX_MEAN_NODES
      ? Infinity
      : PAYBACK_ROWS_PER_NODE * nodesPerTree;
  const entry: CompiledEntry = { key, missing, weight, fn: null, walkedRows: 0, paybackRows };
  compiled.set(model.trees, entry);
  return entry;
}

/** The compiled predictor for a batch of `n` rows, or null when walking is cheaper so far. */
function compiledFor(model: TreeEnsemble, entry: CompiledEntry, n: number): CompiledTrees | null {
  if (entry.fn) return entry.fn;
  entry.walkedRows += n;
  if (entry.walkedRows < entry.paybackRows) return null;
  entry.fn =
    compileMaskTrees(model.trees, entry.missing, model.nOut, entry.weight, entry.missing.length) ??
    compileBranches(model.trees, entry.missing, model.nOut, entry.weight);
  return entry.fn;
}

/** The helper thread with this model posted to it (it may still be compiling). */
function threadFor(model: TreeEnsemble, entry: CompiledEntry): PredictThread | null {
  const thread = PredictThread.get();
  if (thread && !entry.threadId)
    entry.threadId = thread.load(model.trees, missingBins(model), model.nOut, treeWeight(model));
  return thread;
}

/**
 * Builds the compiled predictor ahead of use and lets V8 optimise it, and posts it to the
 * prediction thread, for a model about to predict large batches (read from disk for
 * them): its first large batch is then fast. Smaller ones compile only once walking them
 * has cost more (`compiledFor`). A cache only: prediction builds the same on first use.
 */
export function compileForPrediction(model: TreeEnsemble, rows: number): void {
  if (rows < THREAD_MIN_ROWS) return;
  const entry = compiledEntry(model);
  if (entry.paybackRows === Infinity) return;
  const fn = compiledFor(model, entry, Infinity);
  if (!fn) return;
  const thread = fn.kind === 'masks' ? threadFor(model, entry) : null;
  warmCompiled(fn, model.mappers.length);
  // The worker compiles and warms its copy meanwhile; give it a moment to finish.
  if (thread && entry.threadId) thread.waitReady(entry.threadId, PREPARE_WAIT_MS);
}

/**
 * At the end of a fit on large data: the prediction thread compiles its copy in the
 * background, and this thread compiles on its first large batch. Compiling here (about
 * 110 µs a node, a second or two for 200 boosted trees) would be prediction's cost
 * charged to the fit.
 */
export function prepareEnsemble(model: TreeEnsemble, trainRows: number): void {
  if (trainRows >= THREAD_MIN_ROWS && masksFit(model.trees)) threadFor(model, compiledEntry(model));
}

const PREPARE_WAIT_MS = 2000;

/** Starts the prediction thread early (it boots while a large model trains). */
export function startPredictThread(trainRows: number): void {
  if (trainRows >= THREAD_MIN_ROWS) PredictThread.get();
}

/** Turns raw scores into probabilities (n × classes) or values. */
export function scoresToOutput(model: TreeEnsemble, scores: Float64Array, n: number): Float64Array {
  if (model.task === 'regression') return scores;
  if (model.task === 'binary') {
    const p = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      const s = scores[i];
      const p1 = model.combine === 'sum' ? 1 / (1 + Math.exp(-s)) : Math.min(1, Math.max(0, s));
      p[2 * i] = 1 - p1;
      p[2 * i + 1] = p1;
    }
    return p;
  }
  const K = model.nOut;
  const p = new Float64Array(n * K);
  for (let i = 0; i < n; i++) {
    if (model.combine === 'sum') softmaxRow(scores, i * K, K, p);
    else {
      let s = 0;
      for (let k = 0; k < K; k++) s += Math.max(0, scores[i * K + k]);
      for (let k = 0; k < K; k++) p[i * K + k] = s > 0 ? Math.max(0, scores[i * K + k]) / s : 1 / K;
    }
  }
  return p;
}

export function softmaxRow(scores: Float64Array, o: number, K: number, out: Float64Array): void {
  let max = -Infinity;
  for (let k = 0; k < K; k++) if (scores[o + k] > max) max = scores[o + k];
  let s = 0;
  for (let k = 0; k < K; k++) {
    const e = Math.exp(scores[o + k] - max);
    out[o + k] = e;
    s += e;
  }
  for (let k = 0; k < K; k++) out[o + k] /= s;
}

/** Total split gain and split count per feature. */
export function treeImportance(trees: FlatTrees, d: number): { gain: Float64Array; split: Float64Array } {
  const gain = new Float64Array(d);
  const split = new Float64Array(d);
  for (let j = 0; j < trees.feature.length; j++) {
    gain[trees.feature[j]] += trees.gain[j];
    split[trees.feature[j]] += 1;
  }
  return { gain, split };
}
