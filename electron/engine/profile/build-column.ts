/**
 * One column's profile from its raw statistics (the wide pass or its own GROUP BY) and its
 * value summary: moments from the power sums, quantiles, text lengths, then the top
 * values, extremes, imbalance and the categorical uniformity test. Pure: the statements
 * ran before, so the same inputs always give the same column profile.
 */
import type { AlertThresholds, ColumnProfile } from '../../../shared/profile';
import { chiSquaredPValue } from './chi-squared';
import type { ProfiledColumn } from './columns';
import type { RawColumnStats } from './column-stats';
import { momentsFromPowerSums } from './moments';
import { inferSemanticType } from './semantic-type';
import type { ValueSummary } from './value-counts';

export function buildColumn(
  c: ProfiledColumn,
  raw: RawColumnStats,
  rows: number,
  thresholds: AlertThresholds,
  approximateQuantiles: boolean,
): ColumnProfile {
  const missing = rows - raw.count;
  const allUnique = raw.count > 0 && raw.distinct === raw.count;
  const profile: ColumnProfile = {
    name: c.name,
    index: c.index,
    storageType: c.type,
    semanticType: inferSemanticType(c, raw, thresholds),
    rows,
    count: raw.count,
    missing,
    missingFraction: rows > 0 ? missing / rows : 0,
    nan: raw.nan,
    distinct: raw.distinct,
    distinctFraction: raw.count > 0 ? raw.distinct / raw.count : 0,
    // Exact once value counts ran; for all-different columns it is already exact.
    unique: allUnique ? raw.count : 0,
    uniqueFraction: allUnique ? 1 : 0,
    isUnique: allUnique,
    topValues: [],
  };
  const n = raw.numeric;
  if (n) {
    const m = momentsFromPowerSums(n.powerSums);
    const [p5, p25, p50, p75, p95] = n.quantiles;
    const iqr = p25 !== null && p75 !== null ? p75 - p25 : null;
    profile.numeric = {
      zeros: n.zeros,
      zerosFraction: rows > 0 ? n.zeros / rows : 0,
      negatives: n.negatives,
      negativesFraction: rows > 0 ? n.negatives / rows : 0,
      infinite: n.infinite,
      infiniteFraction: rows > 0 ? n.infinite / rows : 0,
      min: n.min,
      max: n.max,
      range: n.min !== null && n.max !== null ? n.max - n.min : null,
      mean: m.mean,
      std: m.std,
      variance: m.variance,
      sum: n.sum,
      skewness: m.skewness,
      kurtosis: m.kurtosis,
      mad: n.mad,
      madMethod: 'exact',
      iqr,
      cv: m.std !== null && m.mean !== null && m.mean !== 0 ? m.std / m.mean : null,
      quantiles: { p5, p25, p50, p75, p95 },
      quantileMethod: approximateQuantiles ? 't-digest' : 'exact',
    };
  }
  if (raw.text) {
    profile.text = {
      minLength: raw.text.minLength,
      meanLength: raw.text.meanLength,
      maxLength: raw.text.maxLength,
      allParseAsDates: raw.count > 0 && raw.text.dateCount === raw.count,
    };
  }
  return profile;
}

/** Adds what the value counts tell: extremes, top values, uniques, imbalance, uniformity. */
export function applyValueSummary(
  p: ColumnProfile,
  c: ProfiledColumn,
  summary: ValueSummary,
  raw: RawColumnStats,
  thresholds: AlertThresholds,
): void {
  if (summary.smallest && summary.largest) {
    p.extremes = { smallest: summary.smallest, largest: summary.largest };
  }
  // Every value occurs once: no top values (each count would be 1) and nothing to weigh.
  if (p.isUnique) return;
  p.topValues = summary.topValues;
  p.unique = summary.unique;
  p.uniqueFraction = p.count > 0 ? summary.unique / p.count : 0;
  if (summary.fewValues) p.semanticType = inferSemanticType(c, raw, thresholds, summary.fewValues);
  const k = summary.distinct;
  const total = p.count;
  if (p.semanticType === 'categorical' || p.semanticType === 'boolean') {
    // ydata-profiling: 1 − entropy(counts) / ln(classes), 0 for a single class.
    if (k > 1 && total > 0) {
      const entropy = Math.log(total) - summary.sumNLogN / total;
      p.imbalance = Math.min(1, Math.max(0, 1 - entropy / Math.log(k)));
    } else {
      p.imbalance = 0;
    }
  }
  if (p.semanticType === 'categorical' && k > 1 && total > 0) {
    // χ² against equal counts: Σ(n − N/k)²/(N/k) = k·Σn²/N − N.
    const chiSquared = Math.max(0, (k * summary.sumSquares) / total - total);
    p.uniformity = { chiSquared, degreesOfFreedom: k - 1, pValue: chiSquaredPValue(chiSquared, k - 1) };
  }
}
