/**
 * Passes A and B: every column's simple statistics, its value counts (the exact distinct
 * count, top values, extremes) and its quantiles. Columns whose value counts are all there
 * is to know — strings, booleans and integer columns that look few-valued in the first
 * rows — take their simple statistics from their own GROUP BY (`statsFromValueCounts`)
 * and stay out of the wide aggregate, whose statement runs on one pooled connection while
 * their GROUP BYs run on the other. Float and integer columns that look near-unique are
 * read in JavaScript and sorted on the profile's sort thread instead (sorted-column.ts,
 * sort-thread.ts): no wide aggregate and no GROUP BY at all. The rest are counted once the
 * wide pass is in.
 */
import { type ProfiledColumn } from '../columns';
import {
  type RawColumnStats,
  columnQuantiles,
  computeColumnStats,
  quantilesFromCounts,
  statsFromValueCounts,
} from '../column-stats';
import { MAX_BINS } from '../histograms';
import { type ProfileRun, STAGE_END } from '../run-context';
import { knownSemanticType } from '../semantic-type';
import { fetchNumbers } from '../sorted-column';
import { settleAll } from '../sql';
import { type ValueSummary, columnValueCounts } from '../value-counts';

export interface ColumnStatistics {
  stats: Map<number, RawColumnStats>;
  summaries: Map<number, ValueSummary>;
  /**
   * Sorted float columns still being summarised when the associations start: their
   * non-missing count (from the early nullity matrix), all the associations need of them.
   */
  counts: Map<number, number>;
}

export interface StatisticsTasks {
  /** Filled in as the statements finish. */
  statistics: ColumnStatistics;
  /**
   * Settles once every column whose semantic type hangs on its counts has them (the
   * associations start then, overlapping the rest).
   */
  typesKnown: Promise<unknown>;
  /** Settles once every column is counted; rethrows the first failure. */
  done: Promise<unknown>;
}

/**
 * Integer columns with at most this many distinct values among the first 10,000 rows are
 * counted before the wide pass (see `statsFromValueCounts`); a miss (more than
 * FULL_COUNTS_MAX distinct values in all) costs a second statement, not a wrong result.
 */
const FEW_VALUES_IN_PEEK = 2_500;

const GUESS_BINS_MIN_VALUES = 100_000;

/** Values to sort from which a sort worker pays for itself. */
const SORT_WORKER_MIN_VALUES = 2_000_000;

/**
 * Float and integer columns with more distinct values than this among the first 10,000
 * rows are near-unique enough that one sort beats a GROUP BY (see sorted-column.ts); a
 * wrong guess costs time, never exactness.
 */
const MANY_VALUES_IN_PEEK = FEW_VALUES_IN_PEEK;

/**
 * The columns read and sorted in JavaScript instead of the wide aggregate and the value
 * counts: float and integer columns that look near-unique in the first rows, on tables
 * whose quantiles are exact (the sort gives the exact MAD too, so nothing is left for SQL).
 */
function sortedColumns(run: ProfileRun): ProfiledColumn[] {
  if (run.approximateQuantiles || run.rows === 0) return [];
  return run.columns.filter(
    (c) =>
      (c.kind === 'float' || c.kind === 'integer') &&
      (run.peek.distinct.get(c.index) ?? 0) > MANY_VALUES_IN_PEEK,
  );
}

/**
 * The histogram's bin count as far as it can be told before the quantiles: numpy's "auto"
 * width is at most 2·IQR/∛n ≤ 2·range/∛n, so from n ≥ 10⁶ (∛n ≥ 2·MAX_BINS) every column
 * with a positive IQR gets MAX_BINS bins. Below that it is still MAX_BINS unless the range
 * is under about 2·MAX_BINS/∛n IQRs (from 10⁵ values: under 2.2 IQRs, flatter than a
 * uniform's 2), so the guess is made from GUESS_BINS_MIN_VALUES on; when it misses (the
 * grid differs), or for fewer values, the histogram is counted by its own scan.
 */
function likelyBins(n: number): number | undefined {
  return n < GUESS_BINS_MIN_VALUES ? undefined : MAX_BINS;
}

/**
 * Starts every statement of the stage; the wide statement is queued first so it starts at
 * once. `missing` (each column's missing count, from the early nullity matrix) lets the
 * associations start before the sorted float columns are summarised.
 */
export function startStatistics(run: ProfileRun, missing?: Promise<number[]>): StatisticsTasks {
  const { columns, rows } = run;
  const exactMad = rows <= run.settings.sampleSize;
  const early = columns.filter(
    (c) =>
      rows > 0 &&
      (c.kind === 'string' ||
        c.kind === 'boolean' ||
        (c.kind === 'integer' &&
          !exactMad &&
          (run.peek.distinct.get(c.index) ?? Infinity) <= FEW_VALUES_IN_PEEK)),
  );
  const sorted = sortedColumns(run);
  // The sort worker, when there is enough to sort to pay for its start-up (a quarter of
  // a second of CPU from source, a few hundredths from a bundle). Started here rather than
  // with the profile: its start-up competed with the peek, which every statement waits on
  // (setup 0.13–0.26 s without it, 0.24–1.04 s with it at load 5–7); until it is ready the
  // main thread sorts the first columns itself.
  if (sorted.length * rows >= SORT_WORKER_MIN_VALUES) run.sorter.start(1);
  const earlySet = new Set([...early, ...sorted].map((c) => c.index));
  const rest = columns.filter((c) => !earlySet.has(c.index));
  const counter = new ColumnCounter(run, exactMad);

  const wideStats = counter.wide(rest).then(() => run.progress.endStage('column statistics'));
  // The sorted columns' reads first: they are short, and the sort thread waits on them.
  const sortedTasks = sorted.map((c) => counter.countSorted(c));
  const earlyTasks = early.map((c) => counter.countEarly(c));
  // Columns whose semantic type does not hang on their exact distinct count (see
  // `knownSemanticType`) are counted last: the association sample starts once the others are.
  const settled = (c: ProfiledColumn): boolean =>
    knownSemanticType(c, run.peek.distinct, run.settings.thresholds) !== null;
  // Sorted float columns are numeric whatever their counts: with their missing counts the
  // associations need nothing more of them, and start while they are still being sorted.
  const countsKnown = missing?.then((totals) => {
    for (const c of sorted) if (settled(c)) counter.statistics.counts.set(c.index, rows - totals[c.index]);
  });
  const restOrder = [...rest].sort((a, b) => Number(settled(a)) - Number(settled(b)) || a.index - b.index);
  const restTasks = restOrder.map(async (c) => {
    await wideStats;
    await counter.count(c);
  });
  return {
    statistics: counter.statistics,
    typesKnown: settleAll<unknown>([
      wideStats,
      ...earlyTasks,
      ...(countsKnown ? [countsKnown] : []),
      ...sortedTasks.filter((_, i) => !countsKnown || !settled(sorted[i])),
      ...restTasks.filter((_, i) => !settled(restOrder[i])),
    ]),
    done: settleAll<unknown>([wideStats, ...earlyTasks, ...sortedTasks, ...restTasks]),
  };
}

/** The per-column statements of the stage and the progress they report. */
class ColumnCounter {
  readonly statistics: ColumnStatistics = { stats: new Map(), summaries: new Map(), counts: new Map() };
  private finished = 0;
  private readonly countable: number;
  private readonly statsOptions: { exactMad: boolean; batchSize: number | undefined };

  constructor(
    private readonly run: ProfileRun,
    exactMad: boolean,
  ) {
    this.countable = run.columns.filter((c) => c.kind !== 'other').length;
    this.statsOptions = { exactMad, batchSize: run.settings.batchSize };
  }

  /** The wide aggregate over `rest` (or just the row count when there are no columns). */
  async wide(rest: ProfiledColumn[]): Promise<void> {
    const { pool, table, peek, signal, progress } = this.run;
    if (rest.length === 0 && this.run.columns.length > 0) return;
    const result = await pool.use((c) =>
      computeColumnStats(c, table, rest, peek.shifts, this.statsOptions, signal, (done) =>
        progress.report((STAGE_END.stats * done) / Math.max(1, rest.length), 'column statistics'),
      ),
    );
    for (const [index, raw] of result.stats) this.statistics.stats.set(index, raw);
  }

  /** The per-column GROUP BY once the wide pass's statistics of the column are known. */
  async count(c: ProfiledColumn): Promise<void> {
    const raw = this.statistics.stats.get(c.index)!;
    if (c.kind === 'other' || raw.count === 0) return;
    const n = raw.numeric;
    const plan =
      n && !this.run.approximateQuantiles && n.min !== null && n.max !== null
        ? { finiteCount: n.finiteCount, min: n.min, max: n.max, histogramBins: likelyBins(n.finiteCount) }
        : undefined;
    const { pool, table, signal } = this.run;
    const summary = await columnValueCounts(pool, table, c, raw.count, signal, plan);
    await this.settle(c, raw, summary);
  }

  /** A column counted before the wide pass, its simple statistics taken from its counts. */
  async countEarly(c: ProfiledColumn): Promise<void> {
    const { pool, table, signal, peek } = this.run;
    const summary = await columnValueCounts(pool, table, c, undefined, signal);
    const raw = statsFromValueCounts(c, summary, peek.shifts.get(c.index) ?? 0);
    if (!raw) {
      // More distinct values than the first rows suggested: the usual two passes.
      const own = await pool.use((conn) =>
        computeColumnStats(conn, table, [c], peek.shifts, this.statsOptions, signal),
      );
      this.statistics.stats.set(c.index, own.stats.get(c.index)!);
      await this.count(c);
      return;
    }
    this.statistics.stats.set(c.index, raw);
    if (raw.count === 0) return;
    await this.settle(c, raw, summary);
  }

  /**
   * A near-unique number column from one read (on the pool's express lane: it is short,
   * and the sort thread waits for it) and its sort on the sort thread; the value buffers
   * are bounded (sort-thread.ts), so at most a few columns are in memory at once.
   */
  async countSorted(c: ProfiledColumn): Promise<void> {
    const { pool, table, signal, rows } = this.run;
    const { sorter } = this.run;
    // Taken at once when one is free, so the read is queued before later statements.
    const buffer = sorter.tryTake(rows) ?? (await sorter.take(rows));
    let length: number | undefined;
    try {
      length = await pool.useExpress((conn) => fetchNumbers(conn, table, c, buffer, signal));
    } finally {
      if (length === undefined) sorter.giveBack(buffer);
    }
    const result =
      length === undefined ? undefined : await sorter.summarise(buffer, length, c.kind === 'integer');
    if (!result) {
      // Integers beyond 2^53: the wide statistics and the GROUP BY, exact in SQL.
      const own = await pool.use((conn) =>
        computeColumnStats(conn, table, [c], this.run.peek.shifts, this.statsOptions, signal),
      );
      this.statistics.stats.set(c.index, own.stats.get(c.index)!);
      await this.count(c);
      return;
    }
    this.statistics.stats.set(c.index, result.raw);
    if (result.raw.count === 0) return;
    await this.settle(c, result.raw, result.summary);
  }

  private async settle(c: ProfiledColumn, raw: RawColumnStats, summary: ValueSummary): Promise<void> {
    this.statistics.summaries.set(c.index, summary);
    raw.distinct = summary.distinct;
    if (raw.text) raw.text.dateCount = summary.dateCount;
    await this.quantiles(c, raw, summary);
    this.finished++;
    this.run.progress.report(
      STAGE_END.stats +
        ((STAGE_END.overview - STAGE_END.stats) * this.finished) / Math.max(1, this.countable),
      'value counts',
    );
  }

  /** From the value counts when they have them, else one quantile statement of its own. */
  private async quantiles(c: ProfiledColumn, raw: RawColumnStats, summary: ValueSummary): Promise<void> {
    const n = raw.numeric;
    if (!n || n.finiteCount <= 0) return;
    const { pool, table, signal } = this.run;
    if (this.run.approximateQuantiles) {
      n.quantiles = await columnQuantiles(pool, table, c, true, signal);
    } else if (summary.counts) {
      n.quantiles = quantilesFromCounts(summary.counts.values, summary.counts.counts);
    } else if (summary.quantiles) {
      n.quantiles = summary.quantiles;
    } else if (n.min !== null && n.min === n.max) {
      n.quantiles = n.quantiles.map(() => n.min);
    } else {
      n.quantiles = await columnQuantiles(pool, table, c, false, signal);
    }
  }
}
