/**
 * A trained model: the fitted preprocessing pipeline plus one estimator, and the one
 * place that knows how each algorithm fits and predicts. `predict` takes raw columns
 * (by name) and returns probabilities whose rows sum to 1, or values.
 */
import { ApiError } from '../../../shared/errors';
import { fitBoosting } from './learners/gbdt/boosting';
import { fitForest } from './learners/gbdt/forest';
import {
  ensembleScores,
  compileForPrediction,
  EnsembleRescorer,
  scoresToOutput,
  softmaxRow,
  type TreeEnsemble,
} from './learners/gbdt/tree-ensemble';
import { fitLinear, linearScores, type LinearModel } from './learners/linear/linear-model';
import { fitMlp, predictMlp, type MlpModel } from './learners/mlp/mlp';
import { decodeValue, encodeValue, MODEL_FORMAT, type SerializedModel } from './model-format';
import { fitPipeline, transform, type PipelineState } from './preprocess/pipeline';
import { takeAll } from './rows';
import type { AlgorithmId, Column, FitHistory, Prediction, ProgressHooks, Task, TrainParams } from './types';

export type Estimator =
  | { kind: 'trees'; ensemble: TreeEnsemble }
  | { kind: 'linear'; linear: LinearModel }
  | { kind: 'mlp'; mlp: MlpModel }
  /** Class priors (classification) or the mean (regression). */
  | { kind: 'baseline'; values: Float64Array };

export interface Model {
  algorithm: AlgorithmId;
  task: Task;
  classes: string[];
  target: string;
  pipeline: PipelineState;
  estimator: Estimator;
}

/** Training rows for one fit: raw feature columns and the encoded target. */
export interface FitData {
  columns: Column[];
  /** Class index or value per row (no missing values). */
  y: Float64Array;
  task: Task;
  classes: string[];
  target: string;
}

export interface FitOutcome {
  model: Model;
  history: FitHistory;
  backend?: string;
}

/** Fits the pipeline on `data` only, then the estimator; `earlyStop` rows never touch the pipeline fit. */
export async function fitModel(
  algorithm: AlgorithmId,
  data: FitData,
  params: TrainParams,
  hooks: ProgressHooks = {},
  earlyStop?: FitData,
): Promise<FitOutcome> {
  const { task, classes } = data;
  const nClasses = classes.length;
  const treeLike =
    algorithm === 'gbdt' ||
    algorithm === 'random_forest' ||
    algorithm === 'extra_trees' ||
    algorithm === 'baseline';
  const pipeline = fitPipeline(data.columns, treeLike ? 'tree' : 'dense', {
    maxOnehot: params.max_onehot,
    maxCategories: Math.min(254, (params.max_bins ?? 255) - 1),
  });
  const base = { algorithm, task, classes, target: data.target, pipeline };
  if (algorithm === 'baseline') {
    const values = baselineValues(data.y, task, nClasses);
    return {
      model: { ...base, estimator: { kind: 'baseline', values } },
      history: { iterations: 1, trainLoss: [], validLoss: [] },
    };
  }
  const X = transform(pipeline, data.columns);
  const valid = earlyStop ? { X: transform(pipeline, earlyStop.columns), y: earlyStop.y } : undefined;
  switch (algorithm) {
    case 'gbdt': {
      const { model, history } = fitBoosting(
        { X, features: pipeline.features, y: data.y, task, nClasses, valid },
        params,
        hooks,
      );
      return { model: { ...base, estimator: { kind: 'trees', ensemble: model } }, history };
    }
    case 'random_forest':
    case 'extra_trees': {
      const { model, history } = fitForest(
        { X, features: pipeline.features, y: data.y, task, nClasses },
        params,
        algorithm === 'extra_trees',
        hooks,
      );
      return { model: { ...base, estimator: { kind: 'trees', ensemble: model } }, history };
    }
    case 'linear_regression':
    case 'logistic_regression': {
      if ((algorithm === 'linear_regression') !== (task === 'regression')) {
        throw new ApiError(
          'INVALID_INPUT',
          algorithm === 'linear_regression'
            ? `Linear regression predicts numbers but "${data.target}" is a ${task} target; use logistic regression for classes.`
            : `Logistic regression predicts classes but "${data.target}" is a regression target; use linear regression for numbers.`,
        );
      }
      const { model, history } = fitLinear(X, data.y, task, nClasses, params, hooks);
      return { model: { ...base, estimator: { kind: 'linear', linear: model } }, history };
    }
    case 'mlp': {
      checkNetworkSize(X.length, params.hidden_layers ?? []);
      const { model, history, backend } = await fitMlp(
        { X, y: data.y, task, nClasses, valid },
        params,
        hooks,
      );
      return { model: { ...base, estimator: { kind: 'mlp', mlp: model } }, history, backend };
    }
  }
}

/** Weights a network may have in all, input layer included (float32, and Adam keeps two more). */
const MAX_NETWORK_WEIGHTS = 50_000_000;

/** The contract bounds the hidden layers; the input width is known only once the pipeline is fitted. */
function checkNetworkSize(inputs: number, hidden: number[]): void {
  let weights = 0;
  let from = inputs;
  for (const units of hidden) {
    weights += from * units;
    from = units;
  }
  if (weights <= MAX_NETWORK_WEIGHTS) return;
  throw new ApiError(
    'INVALID_INPUT',
    `A network with hidden layers ${hidden.join(',')} on ${inputs} input features has ${weights} weights, more than the ${MAX_NETWORK_WEIGHTS} Assay trains; use a narrower first layer, fewer features or a smaller max_onehot.`,
  );
}

function baselineValues(y: Float64Array, task: Task, nClasses: number): Float64Array {
  if (task === 'regression') {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i];
    return Float64Array.of(y.length ? s / y.length : 0);
  }
  const prior = new Float64Array(nClasses);
  for (let i = 0; i < y.length; i++) prior[y[i]]++;
  for (let k = 0; k < nClasses; k++) prior[k] /= Math.max(1, y.length);
  return prior;
}

function rowCount(columns: Column[]): number {
  const c = columns[0];
  if (!c) return 0;
  return c.kind === 'categorical' ? c.codes.length : c.values.length;
}

/**
 * Readies a model just read from disk for `rows` rows of prediction: tree ensembles are
 * compiled and warmed here (and, for large batches, posted to the prediction thread) so
 * the first batch runs at full speed instead of paying for compilation and JIT warm-up
 * (docs/architecture.md, "Inside the training capability"). Other estimators need nothing.
 */
export function prepareModel(model: Model, rows: number): void {
  if (model.estimator.kind === 'trees') compileForPrediction(model.estimator.ensemble, rows);
}

/** Probabilities (rows sum to 1) or values for raw columns, found by name. */
export async function predict(model: Model, columns: Column[]): Promise<Prediction> {
  if (model.estimator.kind === 'mlp') {
    const X = transform(model.pipeline, columns);
    const out = await predictMlp(model.estimator.mlp, X, rowCount(columns));
    return wrap(model, out);
  }
  return predictSync(model, columns);
}

/** `predict` for every model but the MLP, whose forward pass runs on tfjs. */
export function predictSync(model: Model, columns: Column[]): Prediction {
  const n = rowCount(columns);
  const est = model.estimator;
  if (est.kind === 'mlp') throw new Error('predictSync cannot run an MLP; use predict');
  if (est.kind === 'baseline') {
    // Still validates that the signature's columns are present.
    transform(model.pipeline, columns);
    const w = est.values.length;
    const out = new Float64Array(n * w);
    for (let i = 0; i < n; i++) out.set(est.values, i * w);
    return wrap(model, out);
  }
  const X = transform(model.pipeline, columns);
  if (est.kind === 'trees')
    return wrap(model, scoresToOutput(est.ensemble, ensembleScores(est.ensemble, X, n), n));
  const eta = linearScores(est.linear, X, n);
  if (model.task === 'regression') return wrap(model, eta);
  if (model.task === 'binary') {
    const p = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const p1 = 1 / (1 + Math.exp(-eta[i]));
      p[2 * i] = 1 - p1;
      p[2 * i + 1] = p1;
    }
    return wrap(model, p);
  }
  const K = est.linear.nOut;
  const p = new Float64Array(n * K);
  for (let i = 0; i < n; i++) softmaxRow(eta, i * K, K, p);
  return wrap(model, p);
}

/** Predictions of the same rows as they are and with one input column's rows permuted. */
export interface PermutationScorer {
  base: Prediction;
  permuted(column: string, perm: Uint32Array): Promise<Prediction>;
}

/**
 * Permutation importance's predictions. The preprocessing is row-wise, so a permuted
 * column's features are the original features with their rows permuted: tree ensembles
 * transform once and rescore only the trees that split on that column's features
 * (`EnsembleRescorer`); other models predict the permuted columns in full.
 */
export async function permutationScorer(model: Model, columns: Column[]): Promise<PermutationScorer> {
  const est = model.estimator;
  if (est.kind !== 'trees') {
    return {
      base: await predict(model, columns),
      permuted: (column, perm) =>
        predict(
          model,
          columns.map((c) => (c.name === column ? takeAll([c], perm)[0]! : c)),
        ),
    };
  }
  const n = rowCount(columns);
  const X = transform(model.pipeline, columns);
  const rescorer = new EnsembleRescorer(est.ensemble, X, n);
  const output = (s: Float64Array): Prediction => wrap(model, scoresToOutput(est.ensemble, s, n));
  return {
    base: output(rescorer.scores),
    permuted: (column, perm) => {
      const changed = new Set<number>();
      model.pipeline.features.forEach((f, j) => f.source === column && changed.add(j));
      const Xnew = X.map((x, j) => (changed.has(j) ? Float64Array.from(perm, (r) => x[r]!) : x));
      return Promise.resolve(output(rescorer.replacing(Xnew, changed)));
    },
  };
}

function wrap(model: Model, out: Float64Array): Prediction {
  return model.task === 'regression'
    ? { task: 'regression', values: out }
    : { task: model.task, classes: model.classes, proba: out };
}

export function serializeModel(model: Model): SerializedModel {
  return {
    format: MODEL_FORMAT,
    algorithm: model.algorithm,
    task: model.task,
    classes: model.classes,
    target: model.target,
    inputs: model.pipeline.inputs,
    body: encodeValue({ pipeline: model.pipeline, estimator: model.estimator }),
  };
}

export function deserializeModel(data: SerializedModel): Model {
  if (!data || data.format !== MODEL_FORMAT) {
    throw new ApiError(
      'INVALID_INPUT',
      `The model data is not in the "${MODEL_FORMAT}" format Assay reads; re-export it from the run that trained it.`,
    );
  }
  const body = decodeValue(data.body) as { pipeline: PipelineState; estimator: Estimator };
  return {
    algorithm: data.algorithm,
    task: data.task,
    classes: data.classes,
    target: data.target,
    pipeline: body.pipeline,
    estimator: body.estimator,
  };
}
