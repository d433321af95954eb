/**
 * The algorithms a person can pick, which tasks each serves, and every param with its
 * default, its allowed range and a one-line explanation. Pure data shared by the engine
 * (defaults a run records), the contract (the ranges `train.start` enforces for every
 * caller) and the UI (the form). Ranges are wide enough for any real use and narrow
 * enough that no value can exhaust memory or run for days.
 */
import type { AlgorithmInfo, ParamSpec, Task } from './training';

/** Trees per model (per class when boosting several classes). */
export const MAX_TREES = 100_000;
/** Leaves per tree: node indices stay small and a tree stays in cache. */
export const MAX_LEAVES = 65_536;
const MAX_DEPTH = 1000;
const MAX_ROWS = 1_000_000_000;
const MAX_PENALTY = 1e9;
/** Units per hidden layer and hidden layers per network. */
export const MAX_LAYER_WIDTH = 4096;
export const MAX_LAYERS = 8;

const seed: ParamSpec = {
  name: 'seed',
  type: 'int',
  default: 42,
  min: 0,
  max: 2 ** 31 - 1,
  description: 'Seed for every random choice; the same seed and data give the same model.',
};
const maxBins: ParamSpec = {
  name: 'max_bins',
  type: 'int',
  default: 255,
  min: 2,
  max: 255,
  description: 'Bins per numeric feature; fewer is faster and coarser.',
};
const tol: ParamSpec = {
  name: 'tol',
  type: 'float',
  default: 1e-7,
  min: 0,
  max: 1,
  description: 'Converged when no coefficient moves more than this.',
};
const maxOnehot: ParamSpec = {
  name: 'max_onehot',
  type: 'int',
  default: 20,
  min: 1,
  max: 1000,
  description: 'Categories one-hot encoded per column; rarer ones share an "other" column.',
};
const ALL: Task[] = ['binary', 'multiclass', 'regression'];

/** Random forests and extra trees share every param; only bootstrapping's default differs. */
function forestParams(bootstrap: boolean): ParamSpec[] {
  return [
    {
      name: 'n_estimators',
      type: 'int',
      default: 100,
      min: 1,
      max: MAX_TREES,
      description: 'Number of trees.',
    },
    {
      name: 'max_depth',
      type: 'int',
      default: 0,
      min: 0,
      max: MAX_DEPTH,
      description: 'Deepest a tree may grow; 0 means no limit.',
    },
    {
      name: 'max_leaves',
      type: 'int',
      default: 0,
      min: 0,
      max: MAX_LEAVES,
      description: 'Most leaves per tree; 0 means no limit.',
    },
    {
      name: 'min_child_samples',
      type: 'int',
      default: 1,
      min: 1,
      max: MAX_ROWS,
      description: 'Fewest rows a leaf may hold.',
    },
    {
      name: 'max_features',
      type: 'float',
      default: 0,
      min: 0,
      max: 1,
      description:
        'Fraction of features tried at each split; 0 means √features for classification, all for regression.',
    },
    {
      name: 'bootstrap',
      type: 'bool',
      default: bootstrap,
      description: "Draw each tree's rows with replacement.",
    },
    maxBins,
    seed,
  ];
}

export const CATALOGUE: AlgorithmInfo[] = [
  {
    id: 'gbdt',
    label: 'Gradient boosting',
    tasks: ALL,
    description:
      'Histogram gradient-boosted trees grown leaf-wise (LightGBM style); handles missing values and categories natively.',
    params: [
      {
        name: 'n_estimators',
        type: 'int',
        default: 100,
        min: 1,
        max: MAX_TREES,
        description: 'Boosting rounds (trees per class).',
      },
      {
        name: 'learning_rate',
        type: 'float',
        default: 0.1,
        min: 1e-4,
        max: 1,
        description: 'Shrinkage applied to each tree; smaller needs more trees but generalises better.',
      },
      {
        name: 'max_leaves',
        type: 'int',
        default: 31,
        min: 2,
        max: MAX_LEAVES,
        description: 'Most leaves per tree; the main control of tree complexity.',
      },
      {
        name: 'max_depth',
        type: 'int',
        default: 0,
        min: 0,
        max: MAX_DEPTH,
        description: 'Deepest a tree may grow; 0 means no limit (max_leaves still applies).',
      },
      {
        name: 'min_child_samples',
        type: 'int',
        default: 20,
        min: 1,
        max: MAX_ROWS,
        description: 'Fewest rows a leaf may hold; larger resists overfitting.',
      },
      {
        name: 'min_child_weight',
        type: 'float',
        default: 1e-3,
        min: 0,
        max: MAX_PENALTY,
        description: 'Smallest sum of hessians a leaf may hold.',
      },
      {
        name: 'reg_alpha',
        type: 'float',
        default: 0,
        min: 0,
        max: MAX_PENALTY,
        description: 'L1 penalty on leaf values.',
      },
      {
        name: 'reg_lambda',
        type: 'float',
        // LightGBM's and scikit-learn HGB's default: XGBoost's 1 shrinks the leaves of
        // multiclass trees, whose hessians are small (−0.6 accuracy points on digits).
        default: 0,
        min: 0,
        max: MAX_PENALTY,
        description: 'L2 penalty on leaf values.',
      },
      {
        name: 'subsample',
        type: 'float',
        default: 1,
        min: 0.05,
        max: 1,
        description: 'Fraction of rows drawn for each round (bagging).',
      },
      {
        name: 'colsample_bytree',
        type: 'float',
        default: 1,
        min: 0.05,
        max: 1,
        description: 'Fraction of features drawn for each tree.',
      },
      maxBins,
      {
        name: 'early_stopping_rounds',
        type: 'int',
        default: 0,
        min: 0,
        max: MAX_TREES,
        description:
          'Stop when the validation loss has not improved for this many rounds (0 = off); 10% of training rows are held back for it.',
      },
      seed,
    ],
  },
  {
    id: 'random_forest',
    label: 'Random forest',
    tasks: ALL,
    description: 'Averaged deep trees on bootstrap samples with random features at each split.',
    params: forestParams(true),
  },
  {
    id: 'extra_trees',
    label: 'Extra trees',
    tasks: ALL,
    description: 'Like a random forest but each split uses a random threshold; faster, often smoother.',
    params: forestParams(false),
  },
  {
    id: 'logistic_regression',
    label: 'Logistic regression',
    tasks: ['binary', 'multiclass'],
    description:
      'Linear model of the log-odds (multinomial for several classes) on standardised features, solved to convergence.',
    params: [
      {
        name: 'reg_alpha',
        type: 'float',
        default: 0,
        min: 0,
        max: MAX_PENALTY,
        description: 'L1 penalty per row (lasso); drives weak coefficients to exactly zero.',
      },
      {
        name: 'reg_lambda',
        type: 'float',
        default: 1e-4,
        min: 0,
        max: MAX_PENALTY,
        description: 'L2 penalty per row (ridge); shrinks coefficients and stabilises correlated features.',
      },
      {
        name: 'max_iter',
        type: 'int',
        default: 100,
        min: 1,
        max: 10_000,
        description: 'Most Newton iterations.',
      },
      tol,
      maxOnehot,
    ],
  },
  {
    id: 'linear_regression',
    label: 'Linear regression',
    tasks: ['regression'],
    description: 'Least squares on standardised features with optional ridge, lasso or elastic-net penalty.',
    params: [
      {
        name: 'reg_alpha',
        type: 'float',
        default: 0,
        min: 0,
        max: MAX_PENALTY,
        description: 'L1 penalty (lasso); drives weak coefficients to exactly zero.',
      },
      {
        name: 'reg_lambda',
        type: 'float',
        default: 1e-4,
        min: 0,
        max: MAX_PENALTY,
        description: 'L2 penalty (ridge); shrinks coefficients and stabilises correlated features.',
      },
      tol,
      maxOnehot,
    ],
  },
  {
    id: 'mlp',
    label: 'Neural network (MLP)',
    tasks: ALL,
    description:
      'Fully connected ReLU network trained with Adam on TensorFlow.js (native, WebAssembly or CPU backend).',
    params: [
      {
        name: 'hidden_layers',
        type: 'int_list',
        default: [64, 32],
        min: 1,
        max: MAX_LAYER_WIDTH,
        maxLength: MAX_LAYERS,
        description: 'Units in each hidden layer, first to last.',
      },
      {
        name: 'dropout',
        type: 'float',
        default: 0.1,
        min: 0,
        max: 0.9,
        description: 'Fraction of hidden units dropped at random while training.',
      },
      {
        name: 'learning_rate',
        type: 'float',
        // 3× scikit-learn's 0.001: on digits as accurate over 4 seeds (0.9705 against
        // 0.9669) in about half the epochs (bench/mlp/profile-fit.ts).
        default: 0.003,
        min: 1e-6,
        max: 1,
        description: 'Adam step size.',
      },
      {
        name: 'batch_size',
        type: 'int',
        default: 128,
        min: 1,
        max: 65_536,
        description: 'Rows per gradient step.',
      },
      {
        name: 'epochs',
        type: 'int',
        // Small tables need many passes to reach scikit-learn's accuracy; early stopping ends
        // large ones after a few (docs/architecture.md, "Inside the training capability").
        default: 200,
        min: 1,
        max: 10_000,
        description: 'Most passes over the training rows.',
      },
      {
        name: 'early_stopping_rounds',
        type: 'int',
        default: 10,
        min: 0,
        max: 10_000,
        description:
          'Stop when the validation loss has not improved for this many epochs (0 = off); keeps the best epoch.',
      },
      {
        name: 'reg_lambda',
        type: 'float',
        default: 0,
        min: 0,
        max: MAX_PENALTY,
        description: 'L2 penalty on the weights.',
      },
      maxOnehot,
      seed,
    ],
  },
  {
    id: 'baseline',
    label: 'Baseline',
    tasks: ALL,
    description:
      'Predicts the class frequencies or the mean regardless of the features: the score any real model must beat.',
    params: [],
  },
];
