/**
 * The shapes the training engine speaks: column-major input data (typed arrays so a
 * dataset crosses into a worker by transfer, never as per-row objects), the task, the
 * params every algorithm understands, and what a training job returns. The DuckDB
 * loader produces `TrainData`; the worker and the contract carry `TrainJob` and
 * `TrainResult` unchanged.
 */
import type {
  AlgorithmId,
  Curve,
  Diagnostics,
  FeatureImportance,
  FitHistory,
  FoldResult,
  MetricKey,
  Metrics,
  Task,
  TrainProgress,
  ValidationSpec,
} from '../../../shared/training';
import type { SerializedModel } from './model-format';

// The result shapes are the contract's (shared/training.ts): one definition for the engine,
// the runs store and the UI.
export type {
  AlgorithmId,
  Curve,
  Diagnostics,
  FeatureImportance,
  FitHistory,
  FoldResult,
  MetricKey,
  Metrics,
  Task,
  TrainProgress,
  ValidationSpec,
};

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

export interface ProgressHooks {
  onProgress?: (p: TrainProgress) => void;
  /** Polled between iterations; true stops the fit with a CANCELLED error. */
  isCancelled?: () => boolean;
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
  /** One fit's seconds: the mean over the folds with k-fold, else the fit that is kept (see RunSummary). */
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
