/**
 * Ranks features against a target on one DuckDB connection: the target's kind, then a
 * seeded sample (binned MI, gain ratio, categorical tests, redundancy, the quick boosting
 * fit) while DuckDB makes its one pass over every row for the numeric features' tests and
 * correlations (docs/architecture.md, "Inside the features capability").
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FeatureRanking, FeatureScore } from '../../../../shared/features/ranking';
import { breather } from '../../profile/sample';
import { fullMoments, type FullMoments } from './full-moments';
import { BOOSTING_DEPTH, BOOSTING_TREES, quickImportance } from './quick-boosting';
import type { ColumnPlan } from './rank-columns';
import { fetchRankSample, type RankSample } from './rank-sample';
import { inspectTarget, type RankTarget } from './rank-target';
import { findRedundant, REDUNDANCY_THRESHOLD } from './redundancy';
import { BINS, binnedTarget, sampledScore, type SampledScore } from './sampled-scores';
import { anova, fRegression } from './univariate-tests';

export type RankingCore = Omit<FeatureRanking, 'dataset' | 'version' | 'versionId' | 'seconds'>;

export interface RankOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number, stage: string) => void;
}

export async function computeRanking(
  conn: DuckDBConnection,
  table: string,
  plan: ColumnPlan,
  options: RankOptions = {},
): Promise<RankingCore> {
  const { signal } = options;
  const progress = options.onProgress ?? (() => undefined);
  progress(0.02, 'Reading the target');
  const target = await inspectTarget(conn, table, plan.target, signal);
  progress(0.1, 'Sampling rows');
  const sample = await fetchRankSample(conn, table, target, plan.features, signal);
  const centres = sample.columns.map((c) => (c instanceof Float64Array ? finiteMean(c) : 0));
  progress(0.3, 'Scoring the sample');
  // DuckDB scans on its own threads while this thread works through the sample.
  const full = fullMoments(conn, table, target, plan.features, centres, finiteMean(sample.y), signal);
  full.catch(() => undefined);
  const y = binnedTarget(target, sample);
  const breathe = breather(signal);
  const sampled: SampledScore[] = [];
  for (const column of sample.columns) {
    await breathe();
    sampled.push(sampledScore(column, y, target, sample));
  }
  progress(0.5, 'Fitting a quick boosting model');
  await breathe(true);
  const boost = quickImportance(
    plan.features.map((f, i) => ({
      name: f.name,
      values: f.kind === 'numeric' ? (sample.columns[i] as Float64Array) : sampled[i]!.binned,
    })),
    sample.y,
    target.task === 'regression' ? 'regression' : target.classes.length === 2 ? 'binary' : 'multiclass',
    target.classes.length,
    () => signal?.aborted ?? false,
  );
  progress(0.7, 'Finishing the scan of every row');
  const moments = await full;
  progress(0.9, 'Checking redundancy');
  const scores = plan.features.map((f, i) =>
    scoreOf(i, plan, target, sample, sampled[i]!, moments, boost.importance[i]!),
  );
  scores.sort(
    (a, b) =>
      b.mutualInformation - a.mutualInformation ||
      b.importance - a.importance ||
      a.column.localeCompare(b.column),
  );
  const position = new Map(plan.features.map((f, i) => [f.name, i]));
  const ordered = scores.map((s) => {
    const i = position.get(s.column)!;
    return {
      name: s.column,
      values: plan.features[i]!.kind === 'numeric' ? (sample.columns[i] as Float64Array) : sampled[i]!.binned,
    };
  });
  const redundant = findRedundant(ordered, sample.rows);
  scores.forEach((s, k) => {
    s.rank = k + 1;
    const partner = redundant.get(k);
    if (partner) s.redundantWith = partner;
  });
  return {
    target: plan.target.name,
    task: target.task,
    rows: target.rows,
    sampledRows: sample.rows,
    boostingRows: boost.rows,
    bins: BINS,
    redundancyThreshold: REDUNDANCY_THRESHOLD,
    boosting: { trees: BOOSTING_TREES, depth: BOOSTING_DEPTH },
    features: scores,
    skipped: plan.skipped,
  };
}

function scoreOf(
  i: number,
  plan: ColumnPlan,
  target: RankTarget,
  sample: RankSample,
  sampled: SampledScore,
  moments: FullMoments,
  importance: number,
): FeatureScore {
  const feature = plan.features[i]!;
  const base = {
    column: feature.name,
    type: feature.type,
    kind: feature.kind,
    mutualInformation: sampled.mutualInformation,
    gainRatio: sampled.gainRatio,
    importance,
    rank: 0,
    missing: target.rows - moments.present[i]!,
  };
  if (sampled.test && sampled.association) {
    return {
      ...base,
      test: { ...sampled.test, rows: sample.rows },
      correlation: sampled.association.value,
      correlationKind: sampled.association.kind,
    };
  }
  const rows = moments.present[i]!;
  if (target.task === 'regression') {
    const t = fRegression(moments.pairs.get(i)!);
    return {
      ...base,
      test: { name: 'f_regression', statistic: t.statistic, pValue: t.pValue, rows },
      correlation: t.r,
      correlationKind: 'pearson',
    };
  }
  const a = anova(moments.groups.get(i)!);
  const binary = target.classes.length === 2;
  return {
    ...base,
    test: { name: 'anova_f', statistic: a.statistic, pValue: a.pValue, rows },
    correlation: binary ? a.pointBiserial : a.eta,
    correlationKind: binary ? 'pearson' : 'eta',
  };
}

function finiteMean(values: Float64Array): number {
  let n = 0;
  let sum = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    n += 1;
    sum += v;
  }
  return n > 0 ? sum / n : 0;
}
