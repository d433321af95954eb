/**
 * Feature ranking contract: score every column of a dataset version against a target —
 * mutual information, a univariate test with its p-value, correlation, information gain
 * ratio and the importance from a quick gradient-boosting fit — and flag redundant
 * columns, so people choose what to train on (docs/architecture.md, "Inside the features
 * capability"). One job per ranking; nothing is stored.
 */
import { z } from 'zod';
import { defineRequests } from '../contract';
import type { JobMethod } from '../jobs';

export interface FeatureRankRequest {
  /** The dataset's name (or a version id, which then names the version by itself). */
  dataset: string;
  /** The version number; the latest when omitted. */
  version?: number;
  /** The column to rank every other column against. */
  target: string;
  /** The columns to rank; every other column of the version when omitted. */
  columns?: string[];
}

/** Classification for a text, boolean or low-cardinality integer target; regression otherwise. */
export type RankTask = 'classification' | 'regression';

/**
 * The univariate test of one feature against the target: ANOVA F of the feature over the
 * classes (numeric feature, class target), χ² of independence (categorical feature, class
 * target), F-regression (numeric feature, numeric target) or ANOVA F of the target over
 * the feature's levels (categorical feature, numeric target). Numeric features are tested
 * on every row; categorical ones on the sample's binned levels (see `rows`). `statistic`
 * is null when the test is undefined (a constant column, too few rows) or infinite (a
 * perfect separation, then `pValue` is 0).
 */
export interface FeatureTest {
  name: 'anova_f' | 'chi2' | 'f_regression';
  statistic: number | null;
  pValue: number | null;
  /** Rows the test used. */
  rows: number;
}

export interface FeatureScore {
  column: string;
  /** The DuckDB type, as the dataset reports it. */
  type: string;
  /** How the feature was treated: numeric columns are binned, the rest are levels. */
  kind: 'numeric' | 'categorical';
  /**
   * Mutual information with the target in nats, estimated on the sample's binned values
   * (`FeatureRanking.bins` equal-frequency bins per numeric column or target, missing in a
   * bin of its own; categories beyond the most frequent `bins - 1` levels share one bin).
   * An estimate: the plug-in value less its Miller–Madow bias, (r − 1)(c − 1) / 2n for
   * r × c non-empty bins, never below 0, so noise scores about 0 whatever its bin count.
   */
  mutualInformation: number;
  test: FeatureTest;
  /**
   * Pearson r between a numeric feature and a numeric target (or the 0/1 indicator of the
   * second of two classes in sorted order), on every row; otherwise Cramér's V
   * (categorical vs classes) or the correlation ratio η (numeric vs three or more classes,
   * categorical vs numeric), which lie in 0..1. Null when undefined (a constant column).
   */
  correlation: number | null;
  /** Which association `correlation` holds. */
  correlationKind: 'pearson' | 'cramers_v' | 'eta';
  /** `mutualInformation` / the entropy of the binned feature (its split information), 0..1; 0 for a constant. */
  gainRatio: number;
  /** This feature's share (0..1) of the total gain of the quick boosting fit. */
  importance: number;
  /** 1 is the most informative; ordered by mutual information, then importance. */
  rank: number;
  /** Missing values (NULL, and NaN or ±∞ in floating columns) among the rows with a target. */
  missing: number;
  /**
   * A better-ranked feature this one moves with: |Pearson r| ≥ `redundancyThreshold` for two
   * numeric features, Cramér's V at the same threshold for two categorical ones (on the sample).
   */
  redundantWith?: { column: string; correlation: number };
}

export interface FeatureRanking {
  /** The dataset's name, the version's number and its id. */
  dataset: string;
  version: number;
  versionId: string;
  target: string;
  task: RankTask;
  /** Rows with a target (NULL, NaN and ±∞ targets are left out); numeric features' tests use them all. */
  rows: number;
  /** Rows of the seeded sample that MI, gain ratio, redundancy and categorical tests use. */
  sampledRows: number;
  /** Rows of the sample the quick boosting fit used. */
  boostingRows: number;
  /** Bins per numeric column (and per numeric target) for MI and gain ratio. */
  bins: number;
  /** |Pearson r| at or above which a feature is marked redundant with a better-ranked one. */
  redundancyThreshold: number;
  /** Trees in the quick boosting fit and their depth. */
  boosting: { trees: number; depth: number };
  /** Ordered by rank. */
  features: FeatureScore[];
  /** Columns asked for but not ranked (the target itself, nested types), each with why. */
  skipped: { column: string; reason: string }[];
  /** Seconds the ranking took. */
  seconds: number;
}

export interface FeaturesApi {
  /** Rank features against a target, as a job (progress per stage); the result is the ranking. */
  'features.rank': JobMethod<FeatureRankRequest, FeatureRanking>;
}

/** Most columns one request may name: wide tables are ranked whole by omitting `columns`. */
export const MAX_RANK_COLUMNS = 2000;

const column = z.string().min(1).max(1000);

export const featureRankRequests = defineRequests<FeaturesApi>()({
  'features.rank': z.strictObject({
    dataset: z.string().min(1).max(200),
    version: z.number().int().min(1).optional(),
    target: column,
    columns: z.array(column).min(1).max(MAX_RANK_COLUMNS).optional(),
  }),
});
