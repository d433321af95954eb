/**
 * Checks a loaded model against its own shapes before anything predicts with it: array
 * lengths that agree with the counts beside them, tree children that point forward to a
 * node of the same tree or at one of its leaves (so no walk can loop or read past an
 * array), feature and class indices in range, and a pipeline whose steps and features
 * match its inputs. A model file edited by hand or cut short is then one sentence, at a
 * cost linear in its size, instead of a frozen engine or an internal error.
 */
import type { FlatTrees } from './learners/gbdt/flat-trees';
import type { TreeEnsemble } from './learners/gbdt/tree-ensemble';
import type { LinearModel } from './learners/linear/linear-model';
import type { MlpModel } from './learners/mlp/mlp';
import type { Estimator, Model } from './model';
import type { PipelineState } from './preprocess/pipeline';

/** Most trees a model may hold: the catalogue's limit times the most classes a target may have. */
const MAX_TREES = 100_000 * 1000;
const MAX_WEIGHTS = 100_000_000;

class Damaged extends Error {}

function need(ok: boolean, what: string): asserts ok {
  if (!ok) throw new Damaged(what);
}

const isInt = (v: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isTyped = <T>(v: unknown, ctor: new (n: number) => T): v is T => v instanceof ctor;

/** Null when the model is whole, otherwise what is wrong with it (a clause, no full stop). */
export function modelProblem(model: Model): string | null {
  try {
    checkModel(model);
    return null;
  } catch (error) {
    if (error instanceof Damaged) return error.message;
    // A field of the wrong type (an object where a list belongs …) fails on access.
    return 'its structure is not one Assay writes';
  }
}

function checkModel(model: Model): void {
  need(['binary', 'multiclass', 'regression'].includes(model.task), 'its task is not one Assay knows');
  need(
    Array.isArray(model.classes) && model.classes.every((c) => typeof c === 'string'),
    'its classes are not a list of names',
  );
  need(
    model.task === 'regression' || model.classes.length >= 2,
    `a ${model.task} model needs at least two classes, it lists ${model.classes.length}`,
  );
  need(typeof model.pipeline === 'object' && model.pipeline !== null, 'it has no preprocessing pipeline');
  const width = checkPipeline(model.pipeline);
  need(typeof model.estimator === 'object' && model.estimator !== null, 'it has no estimator');
  checkEstimator(model, model.estimator, width);
}

/** The pipeline's steps follow its inputs one to one; returns the number of features it makes. */
function checkPipeline(p: PipelineState): number {
  need(p.mode === 'tree' || p.mode === 'dense', 'its pipeline mode is unknown');
  need(
    Array.isArray(p.inputs) && Array.isArray(p.steps) && Array.isArray(p.features),
    'its pipeline is incomplete',
  );
  need(
    p.steps.length === p.inputs.length,
    `its pipeline has ${p.steps.length} steps for ${p.inputs.length} inputs`,
  );
  let width = 0;
  p.steps.forEach((step, s) => {
    const input = p.inputs[s]!;
    need(
      typeof step === 'object' && step !== null && step.column === input.name,
      `pipeline step ${s} is not for the input "${input.name}"`,
    );
    if (step.kind === 'numeric') {
      need(
        input.kind === 'numeric' || input.kind === 'boolean',
        `the input "${input.name}" is ${input.kind} but its step is numeric`,
      );
      need(
        [step.stats.mean, step.stats.std, step.stats.median].every(Number.isFinite) && step.stats.std > 0,
        `the scaling of "${input.name}" is not a finite number`,
      );
      width += step.indicator && p.mode === 'dense' ? 2 : 1;
    } else if (step.kind === 'categorical') {
      need(
        input.kind === 'categorical',
        `the input "${input.name}" is ${input.kind} but its step is categorical`,
      );
      need(
        Array.isArray(step.categories) && step.categories.every((c) => typeof c === 'string'),
        `the categories of "${input.name}" are not a list of names`,
      );
      width += p.mode === 'tree' ? 1 : step.categories.length + (step.other ? 1 : 0);
    } else {
      need(step.kind === 'datetime' && input.kind === 'datetime', `pipeline step ${s} has an unknown kind`);
      need(
        Array.isArray(step.parts) && Array.isArray(step.stats) && step.parts.length === step.stats.length,
        `the date parts of "${input.name}" do not match their scaling`,
      );
      width += step.parts.length;
    }
  });
  need(p.features.length === width, `its pipeline makes ${width} features but lists ${p.features.length}`);
  return width;
}

function checkEstimator(model: Model, est: Estimator, d: number): void {
  const nOut = model.task === 'multiclass' ? model.classes.length : 1;
  switch (est.kind) {
    case 'baseline': {
      const width = model.task === 'regression' ? 1 : model.classes.length;
      need(
        isTyped(est.values, Float64Array) && est.values.length === width,
        `its baseline holds ${lengthOf(est.values)} values for ${width} outputs`,
      );
      return;
    }
    case 'linear':
      return checkLinear(est.linear, d, nOut);
    case 'mlp':
      return checkMlp(est.mlp, d, model.task === 'binary' ? 1 : nOut);
    case 'trees':
      return checkEnsemble(est.ensemble, model, d, nOut);
    default:
      need(false, 'its estimator is of an unknown kind');
  }
}

function lengthOf(v: unknown): string {
  return ArrayBuffer.isView(v) || Array.isArray(v) ? String((v as { length: number }).length) : 'no';
}

function checkLinear(m: LinearModel, d: number, nOut: number): void {
  need(
    typeof m === 'object' && m !== null && m.d === d && m.nOut === nOut,
    `its linear model is for ${m?.d} features and ${m?.nOut} outputs, not ${d} and ${nOut}`,
  );
  need(
    isTyped(m.coef, Float64Array) && m.coef.length === nOut * (d + 1),
    `its linear model has ${lengthOf(m.coef)} coefficients where ${nOut * (d + 1)} are needed`,
  );
}

function checkMlp(m: MlpModel, d: number, outUnits: number): void {
  need(
    typeof m === 'object' && m !== null && Array.isArray(m.layers) && m.layers.length > 0,
    'its network has no layers',
  );
  need(
    Number.isFinite(m.yMean) && Number.isFinite(m.yStd),
    'its network output scaling is not a finite number',
  );
  let inputs = d;
  let weights = 0;
  m.layers.forEach((layer, j) => {
    need(
      isInt(layer.units, 1, 1_000_000) && layer.inputs === inputs,
      `layer ${j + 1} of its network takes ${layer.inputs} inputs where ${inputs} arrive`,
    );
    weights += layer.inputs * layer.units;
    need(weights <= MAX_WEIGHTS, 'its network has more weights than Assay can hold');
    need(
      isTyped(layer.kernel, Float32Array) && layer.kernel.length === layer.inputs * layer.units,
      `layer ${j + 1} of its network has ${lengthOf(layer.kernel)} weights where ${layer.inputs * layer.units} are needed`,
    );
    need(
      isTyped(layer.bias, Float32Array) && layer.bias.length === layer.units,
      `layer ${j + 1} of its network has ${lengthOf(layer.bias)} biases for ${layer.units} units`,
    );
    need(
      ['relu', 'sigmoid', 'softmax', 'linear'].includes(layer.activation),
      `layer ${j + 1} has an unknown activation`,
    );
    inputs = layer.units;
  });
  need(inputs === outUnits, `its network ends in ${inputs} units where ${outUnits} are needed`);
}

function checkEnsemble(e: TreeEnsemble, model: Model, d: number, nOut: number): void {
  need(
    typeof e === 'object' && e !== null && e.nOut === nOut && e.task === model.task,
    `its trees are for ${e?.nOut} outputs, not ${nOut}`,
  );
  need(e.combine === 'sum' || e.combine === 'mean', 'its trees combine in an unknown way');
  need(
    isTyped(e.init, Float64Array) && e.init.length === nOut,
    `its trees have ${lengthOf(e.init)} starting scores for ${nOut} outputs`,
  );
  need(
    Array.isArray(e.mappers) && e.mappers.length === d,
    `its trees bin ${lengthOf(e.mappers)} features where the pipeline makes ${d}`,
  );
  e.mappers.forEach((m, f) => {
    need(
      typeof m === 'object' && m !== null && isInt(m.nBins, 1, 255) && isTyped(m.edges, Float64Array),
      `the bins of feature ${f} are damaged`,
    );
    need(
      m.edges.length === (m.categorical ? 0 : m.nBins),
      `feature ${f} has ${m.edges.length} bin edges for ${m.nBins} bins`,
    );
  });
  checkFlatTrees(e.trees, e);
}

function checkFlatTrees(t: FlatTrees, e: TreeEnsemble): void {
  need(
    typeof t === 'object' && t !== null && isInt(t.nTrees, 0, MAX_TREES),
    `its tree count ${t?.nTrees} is not a whole number up to ${MAX_TREES}`,
  );
  need(t.leafWidth === 1 || t.leafWidth === e.nOut, `its leaves hold ${t.leafWidth} values each`);
  const arrays: Array<[unknown, new (n: number) => unknown, number, string]> = [
    [t.treeOutput, Int32Array, t.nTrees, 'tree outputs'],
    [t.nodeStart, Int32Array, t.nTrees + 1, 'tree starts'],
    [t.leafStart, Int32Array, t.nTrees + 1, 'leaf starts'],
  ];
  for (const [a, ctor, n, what] of arrays)
    need(
      isTyped(a, ctor) && lengthOf(a) === String(n),
      `it has ${lengthOf(a)} ${what} for ${t.nTrees} trees`,
    );
  const nodes = t.nodeStart[t.nTrees]!;
  const leaves = t.leafStart[t.nTrees]!;
  const nodeArrays: Array<[unknown, new (n: number) => unknown, string]> = [
    [t.feature, Int32Array, 'split features'],
    [t.threshold, Float64Array, 'thresholds'],
    [t.bin, Uint8Array, 'split bins'],
    [t.flags, Uint8Array, 'split flags'],
    [t.catStart, Int32Array, 'category offsets'],
    [t.left, Int32Array, 'left children'],
    [t.right, Int32Array, 'right children'],
    [t.gain, Float64Array, 'gains'],
  ];
  for (const [a, ctor, what] of nodeArrays)
    need(
      isTyped(a, ctor) && lengthOf(a) === String(nodes),
      `it has ${lengthOf(a)} ${what} for ${nodes} nodes`,
    );
  need(
    isTyped(t.leafValue, Float64Array) && t.leafValue.length === leaves * t.leafWidth,
    `it has ${lengthOf(t.leafValue)} leaf values for ${leaves} leaves`,
  );
  need(isTyped(t.catBits, Uint32Array), 'its category sets are damaged');
  for (let k = 0; k < t.nTrees; k++) checkTree(t, e, k);
}

/** One tree: children point forward within the tree or at its own leaves, splits at known features. */
function checkTree(t: FlatTrees, e: TreeEnsemble, k: number): void {
  const n0 = t.nodeStart[k]!;
  const n1 = t.nodeStart[k + 1]!;
  const l0 = t.leafStart[k]!;
  const l1 = t.leafStart[k + 1]!;
  need(
    n0 <= n1 && l0 <= l1 && n1 - n0 + 1 === l1 - l0,
    `tree ${k + 1} has ${n1 - n0} splits and ${l1 - l0} leaves`,
  );
  need(isInt(t.treeOutput[k], 0, e.nOut - 1), `tree ${k + 1} adds to output ${t.treeOutput[k]} of ${e.nOut}`);
  const nNodes = n1 - n0;
  const nLeaves = l1 - l0;
  for (let j = 0; j < nNodes; j++) {
    const g = n0 + j;
    for (const child of [t.left[g]!, t.right[g]!]) {
      const ok = child >= 0 ? child > j && child < nNodes : ~child < nLeaves;
      need(
        ok,
        `node ${j} of tree ${k + 1} points at ${child >= 0 ? `node ${child}` : `leaf ${~child}`}, outside the tree or backwards`,
      );
    }
    const f = t.feature[g]!;
    need(
      f >= 0 && f < e.mappers.length,
      `node ${j} of tree ${k + 1} splits on feature ${f} of ${e.mappers.length}`,
    );
    const categorical = (t.flags[g]! & 2) !== 0;
    const mapper = e.mappers[f]!;
    need(
      categorical === mapper.categorical,
      `node ${j} of tree ${k + 1} splits feature ${f} as the wrong kind`,
    );
    if (categorical)
      need(
        t.catStart[g]! >= 0 && t.catStart[g]! + 8 <= t.catBits.length,
        `node ${j} of tree ${k + 1} has no category set`,
      );
    else
      need(
        t.bin[g]! < mapper.nBins,
        `node ${j} of tree ${k + 1} splits at bin ${t.bin[g]} of ${mapper.nBins}`,
      );
  }
}
