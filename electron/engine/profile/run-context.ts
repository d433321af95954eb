/**
 * The state one profile run shares between its stages: where the data is (the pooled
 * connections and the relation), what the caller asked for (settings, cancellation), what
 * the first statements learnt (columns, row count, first rows, the peek), and the progress
 * reporter that times each stage and streams the profile so far. Each stage is a function
 * of this context, so the stages can be read, tested and reordered one at a time.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { AlertThresholds, Profile, ProfileProgress, ProfileValue } from '../../../shared/profile';
import type { ProfiledColumn } from './columns';
import type { SortThread } from './sort-thread';
import type { QueryPool } from './sql';

export interface ProfileOptions {
  /** Column to rank every other column against (and to check for leakage). */
  target?: string;
  thresholds?: Partial<AlertThresholds>;
  signal?: AbortSignal;
  onProgress?: (progress: ProfileProgress) => void;
  /** Above this many rows quantiles use t-digest (approx_quantile) instead of exact quantile_cont (default 1,000,000). */
  exactQuantileMaxRows?: number;
  /** Rows the associations and (on bigger tables) MAD are computed on (default 100,000). */
  sampleSize?: number;
  /** Numeric columns in the association matrices at most (default 100; the target always included). */
  maxAssociationColumns?: number;
  /** Columns per aggregate query (default 200). */
  batchSize?: number;
  /**
   * Opens another connection to the same database (e.g. `() => instance.connect()`). When
   * given, independent per-column statements run on `concurrency` connections at once; the
   * profiled relation must then be visible to new connections (not a TEMP table or view).
   * Extra connections are closed before `computeProfile` returns.
   */
  connect?: () => Promise<DuckDBConnection>;
  /**
   * Statements in flight at once when `connect` is given (default 2), besides the short
   * reads that feed the sort thread, which get a connection of their own.
   */
  concurrency?: number;
}

/** The options with their defaults filled in. */
export interface ProfileSettings {
  target: string | undefined;
  thresholds: AlertThresholds;
  exactQuantileMaxRows: number;
  sampleSize: number;
  maxAssociationColumns: number;
  batchSize: number | undefined;
}

/** What the first rows told about the number columns (see `peekColumns`). */
export interface ColumnPeek {
  /** Close-to-the-mean shifts for the power sums. */
  shifts: Map<number, number>;
  /** Distinct values among the first rows. */
  distinct: Map<number, number>;
}

export interface ProfileRun {
  /** The caller's connection (the setup statements run on it before the pool is busy). */
  conn: DuckDBConnection;
  pool: QueryPool;
  /** SQL text naming the profiled relation, already quoted. */
  table: string;
  settings: ProfileSettings;
  signal: AbortSignal | undefined;
  columns: ProfiledColumn[];
  rows: number;
  sampleRows: Record<string, ProfileValue>[];
  peek: ColumnPeek;
  progress: ProgressReporter;
  /** True when quantiles are t-digest estimates (more rows than `exactQuantileMaxRows`). */
  approximateQuantiles: boolean;
  /**
   * Sorts the near-unique columns (on its own thread when the table is big enough); closed
   * with the profile's connections.
   */
  sorter: SortThread;
}

/** Stage weights for the progress bar, roughly proportional to their cost on wide data. */
export const STAGE_END = {
  stats: 0.2,
  overview: 0.55,
  distributions: 0.65,
  duplicates: 0.75,
  missing: 0.8,
  associations: 0.97,
  alerts: 1,
} as const;

/**
 * Times the stages (each one from the end of the one before, so the timings add up to the
 * profile's duration) and forwards progress with the partial profile to the caller.
 */
export class ProgressReporter {
  readonly started = performance.now();
  readonly timings: { stage: string; ms: number }[] = [];
  private stageStart = this.started;

  constructor(private readonly onProgress: ((progress: ProfileProgress) => void) | undefined) {}

  endStage(stage: string): void {
    const now = performance.now();
    this.timings.push({ stage, ms: Math.round((now - this.stageStart) * 10) / 10 });
    this.stageStart = now;
  }

  report(fraction: number, stage: string, partial?: Partial<Profile>): void {
    this.onProgress?.(partial ? { fraction, stage, partial } : { fraction, stage });
  }

  elapsedMs(): number {
    return Math.round(performance.now() - this.started);
  }
}
