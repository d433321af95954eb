/**
 * Profile types: the statistics, associations and alerts computed for one dataset
 * version (DESIGN §9 "profile"). Plain, JSON-serialisable data — no bigint (DuckDB's
 * BIGINT/HUGEINT arrive as numbers), dates as ISO-8601 strings — so a profile can be
 * stored in the workspace, sent over IPC/WebSocket and embedded in a bundle unchanged.
 * Types only: this file must not import anything that needs Node or the DOM.
 */

/** A cell value as plain JSON: numbers, strings, booleans; dates and timestamps as ISO strings. */
export type ProfileValue = string | number | boolean | null;

/**
 * What a column means for analysis, decided from its storage type and its values
 * (the rules follow ydata-profiling's typeset; see `semanticType` on `ColumnProfile`).
 */
export type SemanticType = 'numeric' | 'categorical' | 'boolean' | 'datetime' | 'text' | 'id' | 'unsupported';

/** A value and how many rows hold it. */
export interface ValueCount {
  value: ProfileValue;
  count: number;
  /** Share of the column's non-missing values, 0–1. */
  fraction: number;
}

/** Equal-width histogram: `edges.length === counts.length + 1`; the last bin is closed on the right. */
export interface Histogram {
  edges: number[];
  counts: number[];
  /** How the number of bins was chosen, e.g. "max(Freedman–Diaconis, Sturges), capped at 50". */
  rule: string;
}

/** The five quantiles ydata-profiling reports. */
export interface Quantiles {
  p5: number | null;
  p25: number | null;
  p50: number | null;
  p75: number | null;
  p95: number | null;
}

/** Statistics of a column stored as a number (integers, decimals, floats). */
export interface NumericStats {
  /** Rows equal to 0. */
  zeros: number;
  /** `zeros` over all rows, 0–1. */
  zerosFraction: number;
  /** Rows below 0 (−∞ included). */
  negatives: number;
  negativesFraction: number;
  /** Rows holding +∞ or −∞; they are excluded from every moment and quantile below. */
  infinite: number;
  infiniteFraction: number;
  /** Smallest finite value. */
  min: number | null;
  /** Largest finite value. */
  max: number | null;
  /** max − min. */
  range: number | null;
  /** Arithmetic mean of the finite values. */
  mean: number | null;
  /** Sample standard deviation (n − 1 denominator, as pandas). */
  std: number | null;
  /** Sample variance (n − 1). */
  variance: number | null;
  /** Sum of the finite values. */
  sum: number | null;
  /**
   * Sample skewness G1 = √(n(n−1))/(n−2) · m3/m2^1.5 (bias-corrected Fisher–Pearson,
   * what pandas' `Series.skew()` and so ydata-profiling report). Null below 3 values.
   */
  skewness: number | null;
  /**
   * Sample excess kurtosis G2 (bias-corrected, normal = 0; pandas' `Series.kurt()`).
   * Null below 4 values.
   */
  kurtosis: number | null;
  /** Median absolute deviation, unscaled: median(|x − median(x)|). */
  mad: number | null;
  /** How `mad` was computed: exactly, or on the association sample. */
  madMethod: 'exact' | 'sample';
  /** p75 − p25. */
  iqr: number | null;
  /** Coefficient of variation std / mean (null when the mean is 0). */
  cv: number | null;
  quantiles: Quantiles;
  /**
   * 'exact': the values of DuckDB `quantile_cont` (linear interpolation, as numpy/pandas),
   *   bit for bit; computed from the column's exact value counts (located through a
   *   4,096-bin count when it has more than 10,000 distinct values), or by `quantile_cont`;
   * 't-digest': DuckDB `approx_quantile` (see `Profile.approximations` for its error).
   */
  quantileMethod: 'exact' | 't-digest';
}

/** Length statistics of a text column, in characters (Unicode code points). */
export interface TextStats {
  minLength: number | null;
  meanLength: number | null;
  maxLength: number | null;
  /** Every non-missing value parses as a date or timestamp (the TYPE_DATE alert). */
  allParseAsDates: boolean;
}

/** Counts of a date/time column per calendar period. */
export interface DatetimeStats {
  /** Earliest value, ISO-8601 (UTC for TIMESTAMPTZ). */
  min: string | null;
  max: string | null;
  /** max − min in milliseconds. */
  rangeMs: number | null;
  /** The period chosen so the span gives a readable number of bars. */
  period: 'year' | 'month' | 'day' | 'hour' | 'minute';
  /** One entry per non-empty period, in time order; `start` is the period's first instant (ISO). */
  counts: { start: string; count: number }[];
}

/** Everything profiled about one column. */
export interface ColumnProfile {
  name: string;
  /** Position in the table, from 0. */
  index: number;
  /** DuckDB type, e.g. DOUBLE, VARCHAR, TIMESTAMP WITH TIME ZONE. */
  storageType: string;
  /**
   * numeric: a number type with more than `lowCategoricalDistinct` distinct values;
   * categorical: strings with ≤ `categoricalMaxDistinct` distinct values or a distinct
   * ratio below `categoricalMaxDistinctRatio`, and numbers with few distinct values;
   * boolean: BOOLEAN, or strings that are only true/false/yes/no/t/f/y/n;
   * datetime: DATE and TIMESTAMP types; id: every value different and either a string of
   * short tokens or integers forming a run (max − min + 1 = count); text: other strings.
   */
  semanticType: SemanticType;
  /** Rows in the table. */
  rows: number;
  /** Non-missing values. */
  count: number;
  /** Missing values: SQL NULL plus, for floating-point columns, NaN (as pandas counts them). */
  missing: number;
  /** `missing` over rows, 0–1. */
  missingFraction: number;
  /** Of `missing`, how many were NaN rather than NULL. */
  nan: number;
  /**
   * Distinct non-missing values (exact: the number of groups of a GROUP BY over the column;
   * for floats ±∞ count as values, NaN is missing).
   */
  distinct: number;
  /** `distinct` over `count`, 0–1. */
  distinctFraction: number;
  /** Values that occur exactly once. */
  unique: number;
  /** `unique` over `count`, 0–1. */
  uniqueFraction: number;
  /** Every non-missing value is different from every other. */
  isUnique: boolean;
  numeric?: NumericStats;
  text?: TextStats;
  datetime?: DatetimeStats;
  /** Numeric columns only. */
  histogram?: Histogram;
  /**
   * Up to 10 most frequent values, most frequent first (ties by value). Empty when every
   * value is unique (each would have count 1).
   */
  topValues: ValueCount[];
  /** Numeric columns: the 5 smallest and 5 largest distinct values with their counts. */
  extremes?: { smallest: ValueCount[]; largest: ValueCount[] };
  /**
   * ydata-profiling's imbalance score for categorical and boolean columns:
   * 1 − entropy(value counts) / ln(number of classes); 0 is balanced, 1 is one class.
   */
  imbalance?: number;
  /**
   * χ² goodness-of-fit against a uniform distribution (over the histogram bins for
   * numbers, over the categories otherwise); the UNIFORM alert fires when `pValue` is high.
   */
  uniformity?: { chiSquared: number; degreesOfFreedom: number; pValue: number };
}

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
