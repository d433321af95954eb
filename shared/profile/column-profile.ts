/**
 * Profile types for one column: the statistics computed per column of a dataset version
 * (see docs/architecture.md, "profile"). Plain, JSON-serialisable data — no bigint (DuckDB's
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
