/**
 * Profile types for the dataset as a whole: associations, missing values, duplicates,
 * the overview, alerts and the profile record itself, plus the comparison of two profiles.
 * Plain JSON data like the column types beside it (see column-profile.ts).
 */
import type { ProfileValue, SemanticType, ColumnProfile } from './column-profile';

/** A square, symmetric matrix over `columns`; null where it is undefined (constant column, too few pairs). */
export interface AssociationMatrix {
  columns: string[];
  values: (number | null)[][];
}

/** A rectangular matrix: `values[i][j]` relates `rows[i]` to `columns[j]`. */
export interface RectangularMatrix {
  rows: string[];
  columns: string[];
  values: (number | null)[][];
}

/** Pairwise associations between columns. */
export interface Associations {
  /** The rows the associations were computed on. */
  sample: {
    /** Rows used. */
    rows: number;
    /** Rows in the table. */
    of: number;
    /** True when every row was used. */
    exact: boolean;
    /** e.g. "bernoulli sample, seed 42". */
    method: string;
  };
  /** Pearson's r between numeric columns, pairwise-complete rows; ±∞ treated as missing. */
  pearson: AssociationMatrix;
  /**
   * Spearman's ρ: Pearson's r of average ranks (ties share their mean rank). Ranks are
   * taken over each column's non-missing values, then correlated over pairwise-complete rows.
   */
  spearman: AssociationMatrix;
  /**
   * Cramér's V between categorical/boolean columns, with Bergsma's (2013) bias correction
   * and no Yates continuity correction; categoricals with more than
   * `maxCategoricalLevels` levels are left out (listed in `skipped`).
   */
  cramersV: AssociationMatrix;
  /** Correlation ratio η (0–1) of each numeric column (columns) given each categorical (rows). */
  correlationRatio: RectangularMatrix;
  /** Columns left out of the matrices, with the reason. */
  skipped: { column: string; reason: string }[];
}

/** How strongly one column is associated with the target, on a 0–1 scale. */
export interface TargetAssociation {
  column: string;
  /** 0–1; |ρ| for numeric pairs, Cramér's V for categorical pairs, η for mixed ones. */
  strength: number;
  method: 'spearman' | 'cramers_v' | 'correlation_ratio';
}

/** Missing values at a glance. */
export interface MissingSummary {
  /**
   * The nullity matrix: rows in table order cut into `buckets` equal runs; for each column
   * with missing values, the fraction missing in each bucket. Null when nothing is missing.
   */
  matrix: {
    buckets: number;
    rowsPerBucket: number;
    columns: { name: string; fractions: number[] }[];
  } | null;
  /**
   * Nullity correlation (Pearson's r between the columns' is-missing indicators, as
   * missingno's heatmap) over columns that are partly missing; null when fewer than two.
   */
  heatmap: AssociationMatrix | null;
}

/** A duplicated row and how many times it occurs. */
export interface DuplicateRow {
  row: Record<string, ProfileValue>;
  count: number;
}

/** Dataset-level statistics. */
export interface DatasetOverview {
  rows: number;
  columns: number;
  /** Missing cells over the whole table (NULL, and NaN in floating-point columns). */
  missingCells: number;
  /** `missingCells` over rows × columns, 0–1. */
  missingCellsFraction: number;
  /**
   * Rows that repeat an earlier identical row (pandas `df.duplicated().sum()`): the rows a
   * de-duplication would remove.
   */
  duplicateRows: number;
  /** `duplicateRows` over rows, 0–1. */
  duplicateRowsFraction: number;
  /** Distinct row contents that occur more than once (ydata-profiling's `n_duplicates`). */
  duplicateGroups: number;
  /** The most repeated rows, up to 10, most repeated first. */
  mostDuplicated: DuplicateRow[];
  /** Columns per semantic type. */
  typeCounts: Record<SemanticType, number>;
  /** The first 10 rows, as plain JSON values. */
  sampleRows: Record<string, ProfileValue>[];
}

/** ydata-profiling's alert names plus ID_LIKE and TARGET_LEAKAGE. */
export type AlertType =
  | 'CONSTANT'
  | 'CONSTANT_LENGTH'
  | 'DUPLICATES'
  | 'EMPTY'
  | 'HIGH_CARDINALITY'
  | 'HIGH_CORRELATION'
  | 'ID_LIKE'
  | 'IMBALANCE'
  | 'INFINITE'
  | 'MISSING'
  | 'SKEWED'
  | 'TARGET_LEAKAGE'
  | 'TYPE_DATE'
  | 'UNIFORM'
  | 'UNIQUE'
  | 'UNSUPPORTED'
  | 'ZEROS';

/** Something a person should look at. */
export interface Alert {
  type: AlertType;
  /** The columns concerned; empty for dataset-level alerts (DUPLICATES, EMPTY). */
  columns: string[];
  /** One human sentence, e.g. "income has 12,345 (4.1%) missing values." */
  message: string;
  /** The number that triggered it (fraction, skewness, correlation…), when there is one. */
  value?: number;
}

/**
 * When alerts fire. Defaults follow ydata-profiling: its `alert_value` fires MISSING,
 * ZEROS, INFINITE above 1% (not 0% or 10%), DUPLICATES when any row repeats, SKEWED when
 * |skewness| > 20, HIGH_CARDINALITY above 50 distinct, IMBALANCE above 0.5, UNIFORM when
 * the χ² p-value exceeds 0.999, HIGH_CORRELATION above 0.9.
 */
export interface AlertThresholds {
  /** MISSING when the missing fraction is above this (default 0.01). */
  missingFraction: number;
  /** ZEROS when the zero fraction is above this (default 0.01). */
  zerosFraction: number;
  /** INFINITE when the ±∞ fraction is above this (default 0.01). */
  infiniteFraction: number;
  /** DUPLICATES when the duplicate-row fraction is above this (default 0: any duplicate). */
  duplicatesFraction: number;
  /** SKEWED when |skewness| is above this (default 20). */
  skewness: number;
  /** HIGH_CARDINALITY when a categorical column has more distinct values (default 50). */
  cardinality: number;
  /** IMBALANCE when the imbalance score is above this (default 0.5). */
  imbalance: number;
  /** UNIFORM when the χ² p-value is above this (default 0.999). */
  uniformPValue: number;
  /** HIGH_CORRELATION when |association| is above this (default 0.9). */
  highCorrelation: number;
  /** TARGET_LEAKAGE when a column's association with the target is at least this (default 0.95). */
  targetLeakage: number;
  /** Numbers with at most this many distinct values are categorical (default 5). */
  lowCategoricalDistinct: number;
  /** Strings with at most this many distinct values are categorical (default 50). */
  categoricalMaxDistinct: number;
  /** …or with a distinct/count ratio below this (default 0.5). */
  categoricalMaxDistinctRatio: number;
  /** Categoricals with more levels are left out of Cramér's V and η (default 100). */
  maxCategoricalLevels: number;
}

/** A statistic that is estimated rather than exact, and how good the estimate is. */
export interface Approximation {
  /** Which statistic, e.g. "quantiles", "associations", "mad". */
  stat: string;
  /** Affected columns; empty means all that have the statistic. */
  columns: string[];
  /** How it was estimated and its expected error, in words. */
  note: string;
}

/** The profile of one dataset version. */
export interface Profile {
  /** Bumped when the shape changes incompatibly. */
  formatVersion: 1;
  /** The relation that was profiled, as SQL text. */
  table: string;
  /** When it was computed, ISO-8601. */
  createdAt: string;
  /** Wall time of the computation. */
  durationMs: number;
  /** Seconds per stage, in the order they ran. */
  timings: { stage: string; ms: number }[];
  overview: DatasetOverview;
  columns: ColumnProfile[];
  missing: MissingSummary;
  associations: Associations;
  /** Present when a target column was given. */
  target?: { column: string; ranking: TargetAssociation[] };
  alerts: Alert[];
  /** The thresholds the alerts were computed with. */
  thresholds: AlertThresholds;
  approximations: Approximation[];
}

/** One statistic that differs between two profiles. */
export interface StatChange {
  /** Dotted path, e.g. "numeric.mean", "missingFraction". */
  stat: string;
  a: number | string | boolean | null;
  b: number | string | boolean | null;
  /** b − a for numbers. */
  delta?: number;
  /** (b − a) / |a| for numbers when a ≠ 0. */
  relative?: number;
}

/** How one column differs between two profiles. */
export interface ColumnComparison {
  name: string;
  /** Semantic types; equal when unchanged. */
  typeA: SemanticType;
  typeB: SemanticType;
  storageTypeA: string;
  storageTypeB: string;
  changes: StatChange[];
  /**
   * Population stability index between the two histograms/top-value distributions, when
   * both have one (≥ 0.25 is usually read as a large shift); null otherwise.
   */
  psi: number | null;
}

/** Two profiles side by side. */
export interface ProfileComparison {
  rows: { a: number; b: number; delta: number };
  duplicateRows: { a: number; b: number; delta: number };
  missingCells: { a: number; b: number; delta: number };
  /** Columns only in b. */
  added: string[];
  /** Columns only in a. */
  removed: string[];
  /** Columns in both whose storage or semantic type differs. */
  typeChanges: { column: string; from: string; to: string }[];
  /** Columns in both, in a's order. */
  columns: ColumnComparison[];
  /** Alerts raised in b but not a, and the reverse, keyed by type and columns. */
  alertsAdded: Alert[];
  alertsResolved: Alert[];
}

/** Progress of a running profile; `partial` grows as stages finish. */
export interface ProfileProgress {
  /** 0–1. */
  fraction: number;
  stage: string;
  partial?: Partial<Profile>;
}
