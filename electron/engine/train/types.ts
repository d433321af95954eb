/**
 * The shapes the training engine speaks: column-major input data (typed arrays so a
 * dataset crosses into a worker by transfer, never as per-row objects), the task, the
 * params every algorithm understands, and what a training job returns. The DuckDB
 * loader produces `TrainData`; the worker and the contract carry `TrainJob` and
 * `TrainResult` unchanged.
 */
import type { SerializedModel } from './model-format';

export type ColumnKind = 'numeric' | 'categorical' | 'datetime' | 'boolean';

/** Numbers; NaN marks a missing value. */
export interface NumericColumn {
  name: string;
  kind: 'numeric';
  values: Float64Array;
}

/** 0/1 as numbers; NaN marks a missing value. */
export interface BooleanColumn {
  name: string;
  kind: 'boolean';
  values: Float64Array;
}

/** Milliseconds since the Unix epoch (UTC); NaN marks a missing value. */
export interface DatetimeColumn {
  name: string;
  kind: 'datetime';
  values: Float64Array;
}

/**
 * Dictionary-encoded text: `codes[i]` indexes `dictionary`, -1 marks a missing value.
 * This is what DuckDB and Arrow hand out for VARCHAR/ENUM, and it transfers as one buffer.
 */
export interface CategoricalColumn {
  name: string;
  kind: 'categorical';
  codes: Int32Array;
  dictionary: string[];
}

export type Column = NumericColumn | BooleanColumn | DatetimeColumn | CategoricalColumn;

/** A table as the engine sees it: equal-length columns, one of them optionally the target. */
export interface TrainData {
  columns: Column[];
  target: Column;
}

export type Task = 'binary' | 'multiclass' | 'regression';

export type AlgorithmId =
  'gbdt' | 'random_forest' | 'extra_trees' | 'logistic_regression' | 'linear_regression' | 'mlp' | 'baseline';

/**
 * Params use the XGBoost/LightGBM scikit-learn names so a data scientist recognises
 * them; each algorithm reads the ones the catalogue lists for it and ignores the rest.
 */
export interface TrainParams {
  seed?: number;
  n_estimators?: number;
  learning_rate?: number;
  max_leaves?: number;
  max_depth?: number;
  min_child_samples?: number;
  min_child_weight?: number;
  reg_alpha?: number;
  reg_lambda?: number;
  subsample?: number;
  colsample_bytree?: number;
  /** Random forest / extra trees: fraction of features tried at each split (0 = sqrt rule). */
  max_features?: number;
  bootstrap?: boolean;
  max_bins?: number;
  early_stopping_rounds?: number;
  max_iter?: number;
  tol?: number;
  hidden_layers?: number[];
  dropout?: number;
  batch_size?: number;
  epochs?: number;
  /** Where to keep a categorical column as one-hot; rarer categories share one "other" slot. */
  max_onehot?: number;
}

export type ValidationSpec =
  | { kind: 'holdout'; fraction?: number; strategy?: 'random' | 'stratified' }
  | { kind: 'holdout'; fraction?: number; strategy: 'time'; column: string }
  | { kind: 'holdout'; fraction?: number; strategy: 'group'; column: string }
  | { kind: 'kfold'; folds?: number; stratified?: boolean }
  | { kind: 'none' };

export interface TrainJob {
  data: TrainData;
  algorithm: AlgorithmId;
  params?: TrainParams;
  /** Overrides `inferTask` when the user knows better (e.g. integer codes that are classes). */
  task?: Task;
  validation?: ValidationSpec;
  /** Permutation importance costs one prediction per column; on by default. */
  permutationImportance?: boolean;
  /** For k-fold: also fit one model on all rows and return it (default true). */
  refit?: boolean;
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

export interface ProgressHooks {
  onProgress?: (p: TrainProgress) => void;
  /** Polled between iterations; true stops the fit with a CANCELLED error. */
  isCancelled?: () => boolean;
}

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

export interface TrainResult {
  task: Task;
  algorithm: AlgorithmId;
  params: TrainParams;
  classes?: string[];
  /** Validation metrics (mean over folds for k-fold). */
  metrics: Metrics;
  metricsStd?: Metrics;
  folds?: FoldResult[];
  diagnostics: Diagnostics;
  importance: FeatureImportance;
  history: FitHistory;
  fitSeconds: number;
  predictSecondsPerRow: number;
  trainRows: number;
  validRows: number;
  /** Which tfjs backend ran ('tensorflow' | 'wasm' | 'cpu'); absent for non-neural models. */
  backend?: string;
  model: SerializedModel;
}

export type Prediction =
  | { task: 'binary' | 'multiclass'; classes: string[]; /** n × classes, row-major */ proba: Float64Array }
  | { task: 'regression'; values: Float64Array };
