/**
 * When the associations run. They need every column's semantic type, distinct count
 * (categorical levels) and missing count — not the quantiles or top values — so they start
 * as soon as the statistics stage knows those. The sample statement takes one pooled
 * connection and the matrices are JavaScript on this thread, so both overlap the remaining
 * value counts and the histogram, duplicate and missingness statements instead of running
 * after them; the result is awaited (and its stage timed) last.
 */
import type { ColumnProfile } from '../../../../shared/profile';
import type { ProfileRun } from '../run-context';
import { finalSemanticType, knownSemanticType } from '../semantic-type';
import {
  type AssociationColumn,
  type AssociationResult,
  associationInfo,
  computeAssociationStage,
  sameAssociationInfo,
} from './association-stage';
import type { StatisticsTasks } from './statistics-stage';

export class EarlyAssociations {
  private used: AssociationColumn[] = [];
  private task: Promise<AssociationResult>;

  /** Starts once `statistics.typesKnown` settles. */
  constructor(
    private readonly run: ProfileRun,
    statistics: StatisticsTasks,
  ) {
    this.task = statistics.typesKnown.then(() => {
      const { stats, summaries, counts } = statistics.statistics;
      this.used = run.columns.map((c) => {
        const raw = stats.get(c.index);
        const count = counts.get(c.index);
        if (!raw && count !== undefined) {
          // A sorted float column still on the sort thread: numeric, its exact MAD to come.
          return {
            semanticType: 'numeric',
            distinct: count,
            count,
            missing: run.rows - count,
            madKnown: count > 0,
          };
        }
        if (!raw) throw new Error(`No statistics for ${c.name} when the associations started.`);
        const semanticType =
          knownSemanticType(c, run.peek.distinct, run.settings.thresholds) ??
          finalSemanticType(c, raw, summaries.get(c.index)?.fewValues, run.settings.thresholds);
        return {
          semanticType,
          distinct: raw.distinct,
          count: raw.count,
          missing: run.rows - raw.count,
          madKnown: raw.numeric?.mad !== null && raw.numeric?.mad !== undefined,
        };
      });
      return computeAssociationStage(run, this.used);
    });
    this.quiet();
  }

  /**
   * The early start used the same semantic types and counts as the profiles; should one
   * ever differ, the associations are computed again from the profiles.
   */
  reconcile(profiles: ColumnProfile[]): void {
    const final = associationInfo(profiles);
    if (sameAssociationInfo(this.used, final)) return;
    this.task = this.task.catch(() => undefined).then(() => computeAssociationStage(this.run, final));
    this.quiet();
  }

  /**
   * Runs `work` (other stages); when it fails, waits for the associations to stop first,
   * since nothing may still be running on a connection the caller is about to close.
   */
  async alongside(work: Promise<unknown>): Promise<void> {
    try {
      await work;
    } catch (error) {
      await this.task.catch(() => undefined);
      throw error;
    }
  }

  result(): Promise<AssociationResult> {
    return this.task;
  }

  /** A failure is not reported as unhandled while other stages run; it still throws from `result`. */
  private quiet(): void {
    this.task.catch(() => undefined);
  }
}
