/**
 * Pass C: each number column's histogram (from the value counts or the value-count pass's
 * bins when they have it, else one binned scan) with the uniformity test on it, and each
 * date column's rows per period, the two running alongside each other.
 */
import type { DatetimeStats, Histogram } from '../../../../shared/profile';
import { chiSquaredPValue } from '../chi-squared';
import { computeDatetimeStats } from '../datetime-periods';
import {
  type BinPlan,
  type PrecomputedBins,
  autoBinCount,
  computeHistograms,
  uniformChiSquared,
} from '../histograms';
import { type ProfileRun, STAGE_END } from '../run-context';
import { settleAll } from '../sql';
import type { ProfileDraft } from './overview-stage';
import type { ColumnStatistics } from './statistics-stage';

export async function distributionsStage(
  run: ProfileRun,
  { stats, summaries }: ColumnStatistics,
  draft: ProfileDraft,
): Promise<void> {
  const { columns, pool, table, signal } = run;
  const profiles = draft.columns;
  const plans: BinPlan[] = [];
  const known = new Map<number, { values: Float64Array; counts: Float64Array }>();
  const precomputed = new Map<number, PrecomputedBins>();
  for (const c of columns) {
    const n = stats.get(c.index)!.numeric;
    if (!n || n.finiteCount === 0 || n.min === null || n.max === null) continue;
    const iqr = profiles[c.index].numeric?.iqr ?? null;
    const bins = autoBinCount(n.finiteCount, n.min, n.max, iqr, c.kind === 'integer');
    plans.push({ column: c, min: n.min, max: n.max, bins, count: n.finiteCount });
    const counts = summaries.get(c.index)?.counts;
    if (counts) known.set(c.index, counts);
    const binned = summaries.get(c.index)?.histogram;
    if (binned) precomputed.set(c.index, binned);
  }
  const datetimeColumns = columns
    .filter((c) => stats.get(c.index)!.datetime)
    .map((c) => ({ column: c, ...stats.get(c.index)!.datetime! }));
  const [histograms, datetimes] = await settleAll<Map<number, Histogram> | Map<number, DatetimeStats>>([
    computeHistograms(pool, table, plans, signal, known, precomputed),
    pool.use((c) => computeDatetimeStats(c, table, datetimeColumns, signal)),
  ]);
  for (const [index, histogram] of histograms as Map<number, Histogram>) {
    const p = profiles[index];
    p.histogram = histogram;
    if (p.semanticType === 'numeric' && histogram.counts.length > 1) {
      const { chiSquared, dof } = uniformChiSquared(histogram.counts);
      p.uniformity = { chiSquared, degreesOfFreedom: dof, pValue: chiSquaredPValue(chiSquared, dof) };
    }
  }
  for (const [index, dt] of datetimes as Map<number, DatetimeStats>) profiles[index].datetime = dt;
  run.progress.endStage('distributions');
  run.progress.report(STAGE_END.distributions, 'distributions', {
    table,
    overview: draft.overview,
    columns: profiles,
  });
}
