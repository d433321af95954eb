/**
 * The statistics read from the sample, per feature: binned mutual information (less the
 * Miller–Madow bias, so columns with many bins do not outrank by chance) and gain ratio
 * against the target (classes, or equal-frequency bins of a numeric target), and —
 * for a categorical feature, whose levels the full pass does not group by — its test: χ²
 * of independence with a class target, or one-way ANOVA of a numeric target over its
 * levels (docs/architecture.md, "Inside the features capability").
 */
import { binCategories, binNumbers, type Binned } from './binning';
import { chiSquare, contingency, gainRatio, mutualInformation, mutualInformationBias } from './information';
import type { RankSample } from './rank-sample';
import type { RankTarget } from './rank-target';
import { anova, type GroupMoments } from './univariate-tests';
import type { FeatureTest } from '../../../../shared/features/ranking';

/** Value bins per numeric column (and per numeric target); categories keep BINS − 1 levels. */
export const BINS = 16;

export interface SampledScore {
  binned: Binned;
  mutualInformation: number;
  gainRatio: number;
  /** Categorical features only. */
  test?: Omit<FeatureTest, 'rows'>;
  association?: { value: number | null; kind: 'cramers_v' | 'eta' };
}

export function binnedTarget(target: RankTarget, sample: RankSample): Binned {
  return target.task === 'classification'
    ? { codes: Int32Array.from(sample.y), count: target.classes.length }
    : binNumbers(sample.y, BINS);
}

export function sampledScore(
  column: RankSample['columns'][number],
  y: Binned,
  target: RankTarget,
  sample: RankSample,
): SampledScore {
  const binned =
    column instanceof Float64Array
      ? binNumbers(column, BINS)
      : binCategories(column.codes, column.levels, BINS);
  const table = contingency(binned, y);
  const mi = Math.max(0, mutualInformation(table) - mutualInformationBias(table));
  const score: SampledScore = { binned, mutualInformation: mi, gainRatio: gainRatio(table, mi) };
  if (column instanceof Float64Array) return score;
  if (target.task === 'classification') {
    const chi = chiSquare(table);
    score.test = { name: 'chi2', statistic: chi.statistic, pValue: chi.pValue };
    score.association = { value: chi.cramersV, kind: 'cramers_v' };
  } else {
    const result = anova(levelMoments(binned, sample.y));
    score.test = { name: 'anova_f', statistic: result.statistic, pValue: result.pValue };
    score.association = { value: result.eta, kind: 'eta' };
  }
  return score;
}

/** The numeric target's moments per level of a binned category, centred on its mean. */
function levelMoments(binned: Binned, y: Float64Array): GroupMoments[] {
  const mean = y.reduce((s, v) => s + v, 0) / Math.max(1, y.length);
  const groups = Array.from({ length: binned.count }, () => ({ n: 0, sum: 0, sumSquares: 0 }));
  for (let i = 0; i < y.length; i++) {
    const g = groups[binned.codes[i]!]!;
    const v = y[i]! - mean;
    g.n += 1;
    g.sum += v;
    g.sumSquares += v * v;
  }
  return groups;
}
