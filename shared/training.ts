/**
 * Training contract: the algorithm catalogue, starting training runs on a dataset
 * version (one run per algorithm, as a job with live loss curves), the runs table, one
 * run's full record, and prediction with a run's model. The engine's own types
 * (electron/engine/train/types.ts) reuse the result shapes declared here.
 */
import { z } from 'zod';
import { defineRequests, type Method } from './contract';
import type { FeatureSetRef } from './features/feature-sets';
import type { JobMethod } from './jobs';
import { paramProblems, spaceProblems } from './training-limits';

export type Task = 'binary' | 'multiclass' | 'regression';

export type AlgorithmId =
  'gbdt' | 'random_forest' | 'extra_trees' | 'logistic_regression' | 'linear_regression' | 'mlp' | 'baseline';

export const ALGORITHM_IDS: readonly AlgorithmId[] = [
  'gbdt',
  'random_forest',
  'extra_trees',
  'logistic_regression',
  'linear_regression',
  'mlp',
  'baseline',
];

export type ParamValue = number | boolean | number[];

export interface ParamSpec {
  name: string;
  type: 'int' | 'float' | 'bool' | 'int_list';
  default: ParamValue;
  /** Inclusive bounds; for int_list, of each item. */
  min?: number;
  max?: number;
  /** int_list: most items. */
  maxLength?: number;
  /** One line for the form, e.g. "Boosting rounds; more fit the data closer." */
  description: string;
}

export interface AlgorithmInfo {
  id: AlgorithmId;
  label: string;
  tasks: Task[];
  description: string;
  params: ParamSpec[];
}

export type ValidationSpec =
  | { kind: 'holdout'; fraction?: number; strategy?: 'random' | 'stratified' }
  | { kind: 'holdout'; fraction?: number; strategy: 'time' | 'group'; column: string }
  | { kind: 'kfold'; folds?: number; stratified?: boolean }
  | { kind: 'none' };

export type MetricKey =
  | 'auc'
  | 'pr_auc'
  | 'logloss'
  | 'accuracy'
  | 'balanced_accuracy'
  | 'precision'
  | 'recall'
  | 'f1'
  | 'f1_weighted'
  | 'mcc'
  | 'kappa'
  | 'rmse'
  | 'mae'
  | 'mape'
  | 'r2';

export type Metrics = Partial<Record<MetricKey, number>>;

export interface Curve {
  x: number[];
  y: number[];
  /** The class a one-vs-rest curve belongs to; absent for binary. */
  label?: string;
}

export interface Diagnostics {
  confusion?: { labels: string[]; matrix: number[][] };
  roc?: Curve[];
  pr?: Curve[];
  /** Mean predicted probability (x) against observed frequency (y) per bin, positive class. */
  calibration?: Curve;
  /** A sample of (predicted, residual) pairs for regression. */
  residuals?: { predicted: number[]; residual: number[] };
}

export interface FeatureImportance {
  /** Per input column (what the person picked), summed over the features it became. */
  permutation?: Array<{ column: string; importance: number; std: number }>;
  gain?: Array<{ feature: string; importance: number }>;
  split?: Array<{ feature: string; importance: number }>;
  coefficients?: Array<{ feature: string; class?: string; coefficient: number }>;
}

export interface FitHistory {
  iterations: number;
  bestIteration?: number;
  trainLoss: number[];
  validLoss: number[];
  converged?: boolean;
}

export interface FoldResult {
  fold: number;
  metrics: Metrics;
  fitSeconds: number;
  trainRows: number;
  validRows: number;
}

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** One row of the runs table. */
export interface RunSummary {
  id: string;
  /** The group of runs started together (or named by the person). */
  experiment: string;
  dataset: string;
  /** The dataset version id the run trained on. */
  version: string;
  /** "dataset@N". */
  versionLabel: string;
  target: string;
  task: Task;
  algorithm: AlgorithmId;
  status: RunStatus;
  /** Validation metrics (mean over folds under cross-validation). */
  metrics: Metrics;
  /** The metric that ranks runs for this task (auc, logloss for multiclass, rmse …). */
  primaryMetric: MetricKey;
  /** True when a larger primary metric is better. */
  higherIsBetter: boolean;
  params: Record<string, ParamValue>;
  seed: number;
  createdAt: string;
  /**
   * Seconds of one fit: with k-fold the mean of the folds' fits, with holdout the one fit
   * on the training rows. The refit on all rows, scoring, diagnostics and permutation
   * importance are not in it.
   */
  fitSeconds?: number;
  /** tfjs backend for neural networks ('tensorflow' | 'wasm' | 'cpu'). */
  backend?: string;
  error?: string;
  /** When the run was archived ("deleted" in the UI); archived runs can be restored until emptied. */
  archivedAt?: string;
}

/** Everything a run recorded: enough to reproduce it and to judge it honestly. */
export interface RunDetail extends RunSummary {
  features: string[];
  validation: ValidationSpec;
  classes?: string[];
  metricsStd?: Metrics;
  folds?: FoldResult[];
  diagnostics: Diagnostics;
  importance: FeatureImportance;
  history: FitHistory;
  predictSecondsPerRow?: number;
  trainRows?: number;
  validRows?: number;
  /** Where the run ran: Assay version, Node, platform, CPU count. */
  environment: Record<string, string | number>;
  /** Path of the saved model under the workspace's artifacts/. */
  modelPath?: string;
  /** One sentence each: rows left out for a missing target, columns left out for their type … */
  warnings?: string[];
  /** When the run was tuned: every trial of the search (the run itself is the best one). */
  search?: RunSearch;
  /**
   * The feature-set versions its training version holds: the set it materialises, or the
   * sets a point-in-time join built it from (docs/architecture.md, "Inside the features
   * capability"). Absent when it holds none.
   */
  featureSets?: FeatureSetRef[];
}

/** One trial of a parameter search. */
export interface SearchTrial {
  params: Record<string, ParamValue>;
  metrics: Metrics;
  /** The ranking metric's value. */
  score: number;
  fitSeconds: number;
}

export interface RunSearch {
  strategy: 'grid' | 'random';
  metric: MetricKey;
  trials: SearchTrial[];
  stoppedBy: 'exhausted' | 'trials' | 'time';
}

/** A progress report from inside a fit, at least once a second while it runs. */
export interface TrainProgress {
  stage: string;
  iteration: number;
  total: number;
  trainLoss?: number;
  validLoss?: number;
  fold?: number;
  folds?: number;
}

/** Live progress of one run, as the UI receives it. */
export interface RunProgress extends TrainProgress {
  runId: string;
  jobId: string;
}

/** What the form needs to know about a target before training. */
export interface TargetInfo {
  task: Task;
  classes?: string[];
  rows: number;
  /** One sentence each: a single class, many missing targets, an ID-like column … */
  warnings: string[];
  /**
   * Columns left out of the default features, with why (text with nearly a value per row);
   * the form unticks them and shows the reason. A person may still tick them.
   */
  excludedFeatures?: Array<{ column: string; reason: string }>;
}

export interface TrainRequest {
  version: string;
  target: string;
  /** Overrides the inferred task. */
  task?: Task;
  /** Input columns; default every other column. */
  features?: string[];
  algorithms: Array<{ algorithm: AlgorithmId; params?: Record<string, ParamValue> }>;
  validation?: ValidationSpec;
  seed?: number;
  /** Name of the group; default "<dataset> → <target>". */
  experiment?: string;
  /** Tune the (single) algorithm's params instead of training it once. */
  search?: {
    strategy: 'grid' | 'random';
    space: Record<string, ParamValue[]>;
    maxTrials?: number;
    maxSeconds?: number;
  };
}

/** What a prediction job produced. */
export interface PredictResult {
  rows: number;
  /** Absolute path of the file written. */
  out?: string;
  /** "name@N" of the dataset version saved. */
  dataset?: string;
  /** Names of the prediction columns added after the input's columns. */
  columns: string[];
  /** One sentence each: values read as missing (text in a numeric column, infinite numbers …). */
  warnings?: string[];
}

export interface TrainingApi {
  'train.catalogue': Method<Record<string, never>, AlgorithmInfo[]>;
  'train.inspect': Method<{ version: string; target: string }, TargetInfo>;
  /** One run per algorithm, trained one after another in one job. */
  'train.start': JobMethod<TrainRequest, RunDetail[], { runIds: string[] }>;
  /** Runs not archived; with `archived: true`, only the archived ones. */
  'runs.list': Method<{ experiment?: string; dataset?: string; archived?: boolean }, RunSummary[]>;
  'runs.get': Method<{ runId: string }, RunDetail>;
  /** Deletes a run and its model for good (the UI archives instead). */
  'runs.delete': Method<{ runId: string }, { deleted: boolean }>;
  /** Hides runs from the runs list, keeping everything so they can be restored. */
  'runs.archive': Method<{ runIds: string[] }, { archived: number }>;
  'runs.restore': Method<{ runIds: string[] }, { restored: number }>;
  /** Deletes every archived run and its model files for good. */
  'runs.emptyArchive': Method<Record<string, never>, { deleted: number }>;
  /**
   * Predict with a run's model on a dataset version or a file; writes the predictions to
   * `out` (CSV or Parquet by extension) and/or saves them as a new dataset. A job.
   */
  'runs.predict': JobMethod<
    { runId: string; version?: string; path?: string; out?: string; saveAs?: string },
    PredictResult
  >;
}

const paramValue = z.union([z.number(), z.boolean(), z.array(z.number()).max(20)]);
const algorithm = z.enum(ALGORITHM_IDS as [AlgorithmId, ...AlgorithmId[]]);
const column = z.string().min(1).max(1000);
const validation = z.union([
  z.strictObject({
    kind: z.literal('holdout'),
    fraction: z.number().gt(0).lt(1).optional(),
    strategy: z.enum(['random', 'stratified']).optional(),
  }),
  z.strictObject({
    kind: z.literal('holdout'),
    fraction: z.number().gt(0).lt(1).optional(),
    strategy: z.enum(['time', 'group']),
    column,
  }),
  z.strictObject({
    kind: z.literal('kfold'),
    folds: z.number().int().min(2).max(50).optional(),
    stratified: z.boolean().optional(),
  }),
  z.strictObject({ kind: z.literal('none') }),
]);

function runIds() {
  return z.array(z.string().min(1).max(100)).min(1, 'Choose at least one run.').max(10_000);
}

export const trainingRequests = defineRequests<TrainingApi>()({
  'train.catalogue': z.strictObject({}),
  'train.inspect': z.strictObject({ version: z.string().min(1).max(200), target: column }),
  'train.start': z
    .strictObject({
      version: z.string().min(1).max(200),
      target: column,
      task: z.enum(['binary', 'multiclass', 'regression']).optional(),
      features: z.array(column).min(1, 'Choose at least one feature.').max(10_000).optional(),
      algorithms: z
        .array(
          z
            .strictObject({ algorithm, params: z.record(z.string(), paramValue).optional() })
            .superRefine((a, ctx) => {
              for (const p of paramProblems(a.algorithm, a.params)) {
                ctx.addIssue({ code: 'custom', path: ['params', p.name], message: p.message });
              }
            }),
        )
        .min(1, 'Choose at least one algorithm.')
        .max(20),
      validation: validation.optional(),
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 31 - 1)
        .optional(),
      experiment: z.string().trim().min(1).max(200).optional(),
      search: z
        .strictObject({
          strategy: z.enum(['grid', 'random']),
          space: z.record(z.string(), z.array(paramValue).min(1).max(100)),
          maxTrials: z.number().int().min(1).max(10_000).optional(),
          maxSeconds: z.number().min(1).max(86_400).optional(),
        })
        .optional(),
    })
    .superRefine((request, ctx) => {
      const first = request.algorithms[0];
      if (!request.search || !first) return;
      for (const p of spaceProblems(first.algorithm, request.search.space)) {
        ctx.addIssue({ code: 'custom', path: ['search', 'space', ...p.path], message: p.message });
      }
    }),
  'runs.list': z.strictObject({
    experiment: z.string().max(200).optional(),
    dataset: z.string().max(200).optional(),
    archived: z.boolean().optional(),
  }),
  'runs.get': z.strictObject({ runId: z.string().min(1).max(100) }),
  'runs.delete': z.strictObject({ runId: z.string().min(1).max(100) }),
  'runs.archive': z.strictObject({ runIds: runIds() }),
  'runs.restore': z.strictObject({ runIds: runIds() }),
  'runs.emptyArchive': z.strictObject({}),
  'runs.predict': z.strictObject({
    runId: z.string().min(1).max(100),
    version: z.string().min(1).max(200).optional(),
    path: z.string().min(1).max(4096).optional(),
    out: z.string().min(1).max(4096).optional(),
    saveAs: z.string().trim().min(1).max(120).optional(),
  }),
});
