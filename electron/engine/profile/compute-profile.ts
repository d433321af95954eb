/**
 * computeProfile: the profile of one dataset version, pushed into DuckDB as a handful of
 * scans — one wide aggregate per 200 columns, then per column one GROUP BY (distinct count,
 * top values, extremes; the whole value list when it is short; for number columns with many
 * distinct values the exact quantiles and, on big tables, the histogram counts from the
 * same grouped values), a binned GROUP BY for any histogram still missing; one duplicate
 * scan, one missingness scan, one sample — and the association matrices on the sample in
 * JavaScript, overlapping the last statements. Per-column statements run on up to
 * `options.connect`-provided extra connections at once. Progress is reported after each
 * stage with the profile so far (overview first), and an AbortSignal interrupts every
 * running query.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  Alert,
  AlertThresholds,
  Approximation,
  Associations,
  ColumnProfile,
  DatasetOverview,
  DatetimeStats,
  Histogram,
  MissingSummary,
  Profile,
  ProfileProgress,
  SemanticType,
} from '../../../shared/profile';
import { correlationAlerts, columnAlerts, datasetAlerts, sortAlerts, targetLeakageAlerts } from './alerts';
import { medianAbsoluteDeviation } from './association-math';
import { computeAssociations, rankByTarget } from './associations';
import { chiSquaredPValue } from './chi-squared';
import { type ProfiledColumn, chunk, displaySql, isNumberKind, listColumns } from './columns';
import {
  type RawColumnStats,
  columnQuantiles,
  computeColumnStats,
  peekColumns,
  quantilesFromCounts,
  statsFromValueCounts,
} from './column-stats';
import { computeDatetimeStats } from './datetime-periods';
import { computeDuplicates } from './duplicates';
import {
  type BinPlan,
  MAX_BINS,
  type PrecomputedBins,
  autoBinCount,
  computeHistograms,
  uniformChiSquared,
} from './histograms';
import { type MissingColumn, computeMissingMatrix, heatmapColumns, nullityCorrelation } from './missingness';
import { momentsFromPowerSums } from './moments';
import { fetchSample } from './sample';
import { inferSemanticType } from './semantic-type';
import { QueryPool, queryRows, settleAll, throwIfAborted } from './sql';
import { resolveThresholds } from './thresholds';
import { type ValueSummary, columnValueCounts } from './value-counts';
import { toCount, toNumber, toProfileValue } from './values';

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
  /** Statements in flight at once when `connect` is given (default 2). */
  concurrency?: number;
}

const EMPTY_TYPE_COUNTS = (): Record<SemanticType, number> => ({
  numeric: 0,
  categorical: 0,
  boolean: 0,
  datetime: 0,
  text: 0,
  id: 0,
  unsupported: 0,
});

/** Stage weights for the progress bar, roughly proportional to their cost on wide data. */
const STAGE_END = {
  stats: 0.2,
  overview: 0.55,
  distributions: 0.65,
  duplicates: 0.75,
  missing: 0.8,
  associations: 0.97,
  alerts: 1,
} as const;

/**
 * Profile `table` (SQL text naming a table or view, already quoted, e.g. `"main"."v3"`).
 * Throws an Error named 'AbortError' when `signal` aborts.
 */
export async function computeProfile(
  conn: DuckDBConnection,
  table: string,
  options: ProfileOptions = {},
): Promise<Profile> {
  throwIfAborted(options.signal);
  const pool = await openPool(conn, table, options);
  try {
    return await profileWith(pool, conn, table, options);
  } finally {
    for (const extra of pool.connections) if (extra !== conn) extra.closeSync();
  }
}

/** The caller's connection plus, when it can open more, extra ones that see `table`. */
async function openPool(conn: DuckDBConnection, table: string, options: ProfileOptions): Promise<QueryPool> {
  const connections = [conn];
  const wanted = Math.max(1, Math.floor(options.concurrency ?? 2));
  if (options.connect) {
    while (connections.length < wanted) {
      let extra: DuckDBConnection | undefined;
      try {
        extra = await options.connect();
        await extra.run(`SELECT * FROM ${table} LIMIT 0`);
        connections.push(extra);
      } catch {
        // A TEMP relation is private to its connection: profile on the caller's alone.
        extra?.closeSync();
        break;
      }
    }
  }
  return new QueryPool(connections);
}

async function profileWith(
  pool: QueryPool,
  conn: DuckDBConnection,
  table: string,
  options: ProfileOptions,
): Promise<Profile> {
  const started = performance.now();
  const { signal, onProgress } = options;
  const thresholds = resolveThresholds(options.thresholds);
  const exactQuantileMaxRows = options.exactQuantileMaxRows ?? 1_000_000;
  const sampleSize = options.sampleSize ?? 100_000;
  const maxAssociationColumns = options.maxAssociationColumns ?? 100;
  const timings: { stage: string; ms: number }[] = [];
  let stageStart = performance.now();
  const endStage = (stage: string): void => {
    const now = performance.now();
    timings.push({ stage, ms: Math.round((now - stageStart) * 10) / 10 });
    stageStart = now;
  };

  // ── Columns, row count, first rows ────────────────────────────────────────────────
  const columns = await listColumns(conn, table, signal);
  if (options.target !== undefined && !columns.some((c) => c.name === options.target)) {
    throw new Error(`The target column "${options.target}" is not in the table.`);
  }
  const [countRow] = await queryRows(conn, `SELECT count(*) FROM ${table}`, signal);
  const rows = toCount(countRow[0]);
  const sampleRows =
    columns.length === 0
      ? []
      : (
          await queryRows(
            conn,
            `SELECT ${columns.map((c) => displaySql(c)).join(', ')} FROM ${table} LIMIT 10`,
            signal,
          )
        ).map((row) => Object.fromEntries(columns.map((c, i) => [c.name, toProfileValue(row[i])])));
  const peek =
    rows > 0
      ? await peekColumns(conn, table, columns, signal)
      : { shifts: new Map<number, number>(), distinct: new Map<number, number>() };
  const shifts = peek.shifts;
  endStage('setup');

  // ── Passes A and B: simple statistics, value counts (exact distinct) and quantiles ──
  // Columns whose value counts are all there is to know — strings, booleans and integer
  // columns that look few-valued in the first rows — take their simple statistics from
  // their own GROUP BY (`statsFromValueCounts`) and stay out of the wide aggregate, whose
  // statement runs on one pooled connection while their GROUP BYs run on the other.
  const approximateQuantiles = rows > exactQuantileMaxRows;
  const exactMad = rows <= sampleSize;
  const statsOptions = { exactMad, batchSize: options.batchSize };
  const early = columns.filter(
    (c) =>
      rows > 0 &&
      (c.kind === 'string' ||
        c.kind === 'boolean' ||
        (c.kind === 'integer' &&
          !exactMad &&
          (peek.distinct.get(c.index) ?? Infinity) <= FEW_VALUES_IN_PEEK)),
  );
  const earlySet = new Set(early.map((c) => c.index));
  const rest = columns.filter((c) => !earlySet.has(c.index));
  const stats = new Map<number, RawColumnStats>();
  const summaries = new Map<number, ValueSummary>();
  const countable = columns.filter((c) => c.kind !== 'other').length;
  let finished = 0;
  const reportCounted = (): void => {
    finished++;
    onProgress?.({
      fraction:
        STAGE_END.stats + ((STAGE_END.overview - STAGE_END.stats) * finished) / Math.max(1, countable),
      stage: 'value counts',
    });
  };

  const quantilesOf = async (
    c: ProfiledColumn,
    raw: RawColumnStats,
    summary: ValueSummary,
  ): Promise<void> => {
    const n = raw.numeric;
    if (!n || n.finiteCount <= 0) return;
    if (approximateQuantiles) {
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
  };
  // The per-column GROUP BY once the wide pass's statistics of the column are known.
  const countColumn = async (c: ProfiledColumn): Promise<void> => {
    const raw = stats.get(c.index)!;
    if (c.kind === 'other' || raw.count === 0) return;
    const n = raw.numeric;
    const plan =
      n && !approximateQuantiles && n.min !== null && n.max !== null
        ? { finiteCount: n.finiteCount, min: n.min, max: n.max, histogramBins: likelyBins(n.finiteCount) }
        : undefined;
    const summary = await columnValueCounts(pool, table, c, raw.count, signal, plan);
    summaries.set(c.index, summary);
    raw.distinct = summary.distinct;
    if (raw.text) raw.text.dateCount = summary.dateCount;
    await quantilesOf(c, raw, summary);
    reportCounted();
  };

  // The wide statement is queued first so it starts at once on one connection.
  const wide =
    rest.length > 0 || columns.length === 0
      ? pool.use((c) =>
          computeColumnStats(c, table, rest, shifts, statsOptions, signal, (done) =>
            onProgress?.({
              fraction: (STAGE_END.stats * done) / Math.max(1, rest.length),
              stage: 'column statistics',
            }),
          ),
        )
      : Promise.resolve({ rows, stats: new Map<number, RawColumnStats>() });
  const earlyTasks = early.map(async (c) => {
    const summary = await columnValueCounts(pool, table, c, undefined, signal);
    const raw = statsFromValueCounts(c, summary, shifts.get(c.index) ?? 0);
    if (!raw) {
      // More distinct values than the first rows suggested: the usual two passes.
      const own = await pool.use((conn) =>
        computeColumnStats(conn, table, [c], shifts, statsOptions, signal),
      );
      stats.set(c.index, own.stats.get(c.index)!);
      await countColumn(c);
      return;
    }
    stats.set(c.index, raw);
    if (raw.count === 0) return;
    summaries.set(c.index, summary);
    raw.distinct = summary.distinct;
    if (raw.text) raw.text.dateCount = summary.dateCount;
    await quantilesOf(c, raw, summary);
    reportCounted();
  });
  const wideStats = wide.then((result) => {
    for (const [index, raw] of result.stats) stats.set(index, raw);
    endStage('column statistics');
  });
  // Columns whose semantic type does not hang on their exact distinct count (see
  // `knownSemanticType`) are counted last: the association sample starts once the others are.
  const settled = (c: ProfiledColumn): boolean => knownSemanticType(c, peek.distinct, thresholds) !== null;
  const restOrder = [...rest].sort((a, b) => Number(settled(a)) - Number(settled(b)) || a.index - b.index);
  const restTasks = restOrder.map(async (c) => {
    await wideStats;
    await countColumn(c);
  });

  // ── Associations on the sample, started as soon as their inputs are known ────────────
  // They need every column's semantic type, distinct count (categorical levels) and missing
  // count, not the quantiles or top values. The sample statement takes one pooled
  // connection and the matrices are JavaScript on this thread, so both overlap the
  // remaining value counts and the histogram, duplicate and missingness statements instead
  // of running after them; the result is awaited (and its stage timed) last.
  const associationSettings = (info: AssociationColumn[]): AssociationSettings => ({
    sampleSize,
    maxAssociationColumns,
    target: options.target,
    maxLevels: thresholds.maxCategoricalLevels,
    missingColumns: heatmapColumns(
      columns
        .filter((c) => info[c.index].missing > 0)
        .map((c) => ({ column: c, missing: info[c.index].missing })),
      rows,
    ).map((m) => m.column),
  });
  let usedInfo: AssociationColumn[] = [];
  let associationsTask = settleAll<unknown>([
    wideStats,
    ...earlyTasks,
    ...restTasks.filter((_, i) => !settled(restOrder[i])),
  ]).then(() => {
    usedInfo = columns.map((c) => {
      const raw = stats.get(c.index)!;
      const semanticType =
        knownSemanticType(c, peek.distinct, thresholds) ??
        finalSemanticType(c, raw, summaries.get(c.index), thresholds);
      return { semanticType, distinct: raw.distinct, count: raw.count, missing: rows - raw.count };
    });
    return associationsStage(pool, table, columns, usedInfo, rows, associationSettings(usedInfo), signal);
  });
  // Handled here so a failure is not reported as unhandled while the stages below run; it
  // still throws where it is awaited.
  associationsTask.catch(() => undefined);
  try {
    await settleAll<unknown>([wideStats, ...earlyTasks, ...restTasks]);
  } catch (error) {
    // Nothing may still be running on a connection the caller is about to close.
    await associationsTask.catch(() => undefined);
    throw error;
  }
  const profiles = columns.map((c) =>
    buildColumn(c, stats.get(c.index)!, rows, thresholds, approximateQuantiles),
  );
  for (const c of columns) {
    const summary = summaries.get(c.index);
    if (summary) applyValueSummary(profiles[c.index], c, summary, stats.get(c.index)!, thresholds);
  }
  const overview: DatasetOverview = {
    rows,
    columns: columns.length,
    missingCells: profiles.reduce((a, p) => a + p.missing, 0),
    missingCellsFraction: 0,
    duplicateRows: 0,
    duplicateRowsFraction: 0,
    duplicateGroups: 0,
    mostDuplicated: [],
    typeCounts: EMPTY_TYPE_COUNTS(),
    sampleRows,
  };
  overview.missingCellsFraction =
    rows * columns.length > 0 ? overview.missingCells / (rows * columns.length) : 0;
  for (const p of profiles) overview.typeCounts[p.semanticType]++;
  let missingMatrix: MissingSummary['matrix'] = null;
  endStage('value counts');
  onProgress?.({
    fraction: STAGE_END.overview,
    stage: 'overview',
    partial: { table, overview, columns: profiles },
  });

  const withMissing: MissingColumn[] = columns
    .filter((c) => profiles[c.index].missing > 0)
    .map((c) => ({ column: c, missing: profiles[c.index].missing }));
  const heatmap = heatmapColumns(withMissing, rows);
  // The early start used the same semantic types and counts as the profiles; should one
  // ever differ, the associations are computed again from the profiles.
  const finalInfo: AssociationColumn[] = profiles.map((p) => ({
    semanticType: p.semanticType,
    distinct: p.distinct,
    count: p.count,
    missing: p.missing,
  }));
  const sameInfo = finalInfo.every((f, i) => {
    const u = usedInfo[i];
    const levels = f.semanticType === 'categorical' || f.semanticType === 'boolean';
    return (
      u !== undefined &&
      u.semanticType === f.semanticType &&
      u.count === f.count &&
      u.missing === f.missing &&
      (!levels || u.distinct === f.distinct)
    );
  });
  if (!sameInfo) {
    associationsTask = associationsTask
      .catch(() => undefined)
      .then(() =>
        associationsStage(pool, table, columns, finalInfo, rows, associationSettings(finalInfo), signal),
      );
    associationsTask.catch(() => undefined);
  }
  try {
    await datasetStages();
  } catch (error) {
    // Nothing may still be running on a connection the caller is about to close.
    await associationsTask.catch(() => undefined);
    throw error;
  }
  const missing: MissingSummary = { matrix: missingMatrix, heatmap: null };

  async function datasetStages(): Promise<void> {
    // ── Pass C: histograms and date periods ─────────────────────────────────────────────
    const plans: BinPlan[] = [];
    const known = new Map<number, { values: Float64Array; counts: Float64Array }>();
    const precomputed = new Map<number, PrecomputedBins>();
    for (const c of columns) {
      const p = profiles[c.index];
      const raw = stats.get(c.index)!;
      const n = raw.numeric;
      if (!n || n.finiteCount === 0 || n.min === null || n.max === null) continue;
      const bins = autoBinCount(n.finiteCount, n.min, n.max, p.numeric?.iqr ?? null, c.kind === 'integer');
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
    endStage('distributions');
    onProgress?.({
      fraction: STAGE_END.distributions,
      stage: 'distributions',
      partial: { table, overview, columns: profiles },
    });

    // ── Dataset level: duplicates, missingness ─────────────────────────────────────────────
    const duplicates = await pool.use((c) => computeDuplicates(c, table, columns, signal));
    overview.duplicateRows = duplicates.duplicateRows;
    overview.duplicateGroups = duplicates.duplicateGroups;
    overview.duplicateRowsFraction = rows > 0 ? duplicates.duplicateRows / rows : 0;
    overview.mostDuplicated = duplicates.mostDuplicated;
    endStage('duplicates');
    onProgress?.({
      fraction: STAGE_END.duplicates,
      stage: 'duplicates',
      partial: { table, overview, columns: profiles },
    });

    missingMatrix = await pool.use((c) => computeMissingMatrix(c, table, rows, withMissing, signal));
    endStage('missing values');
    onProgress?.({
      fraction: STAGE_END.missing,
      stage: 'missing values',
      partial: { table, overview, columns: profiles, missing: { matrix: missingMatrix, heatmap: null } },
    });
  }

  // ── Associations (started above) ───────────────────────────────────────────────────────
  const { associations, madFromSample, madExact, missingSets } = await associationsTask;
  for (const [index, mad] of madExact) {
    const numeric = profiles[index].numeric;
    if (numeric) numeric.mad = mad;
  }
  missing.heatmap = nullityCorrelation(
    heatmap.map((m) => m.column.name),
    missingSets,
  );
  for (const [index, mad] of madFromSample) {
    const numeric = profiles[index].numeric;
    if (numeric) {
      numeric.mad = mad;
      numeric.madMethod = 'sample';
    }
  }
  endStage('associations');
  onProgress?.({
    fraction: STAGE_END.associations,
    stage: 'associations',
    partial: { table, overview, columns: profiles, missing, associations },
  });

  // ── Alerts ───────────────────────────────────────────────────────────────────────────
  let target: Profile['target'];
  const alerts: Alert[] = [...datasetAlerts(overview, thresholds)];
  for (const p of profiles) alerts.push(...columnAlerts(p, thresholds));
  alerts.push(...correlationAlerts(associations, thresholds));
  if (options.target !== undefined) {
    const ranking = rankByTarget(associations, options.target);
    target = { column: options.target, ranking };
    alerts.push(...targetLeakageAlerts(options.target, ranking, thresholds));
  }
  sortAlerts(alerts);
  endStage('alerts');

  const approximations = describeApproximations(
    profiles,
    associations,
    approximateQuantiles,
    madFromSample.size > 0,
    sampleSize,
  );
  const profile: Profile = {
    formatVersion: 1,
    table,
    createdAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - started),
    timings,
    overview,
    columns: profiles,
    missing,
    associations,
    ...(target ? { target } : {}),
    alerts,
    thresholds,
    approximations,
  };
  onProgress?.({ fraction: STAGE_END.alerts, stage: 'done', partial: profile });
  return profile;
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

const GUESS_BINS_MIN_VALUES = 100_000;

/**
 * Integer columns with at most this many distinct values among the first 10,000 rows are
 * counted before the wide pass (see `statsFromValueCounts`); a miss (more than
 * FULL_COUNTS_MAX distinct values in all) costs a second statement, not a wrong result.
 */
const FEW_VALUES_IN_PEEK = 2_500;

function buildColumn(
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

function applyValueSummary(
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

/** What the association stage needs to know of a column. */
interface AssociationColumn {
  semanticType: SemanticType;
  distinct: number;
  count: number;
  missing: number;
}

interface AssociationResult {
  associations: Associations;
  madFromSample: Map<number, number | null>;
  /** DuckDB's exact mad() for number columns beyond the sampled ones. */
  madExact: Map<number, number | null>;
  missingSets: Uint16Array[];
}

/**
 * The semantic type a column gets whatever its exact distinct count: dates, times and
 * unsupported types always, and float/decimal columns that already show more distinct
 * values in the first rows than a categorical number may have (NaN aside, those are a
 * lower bound on the column's distinct count). Null when it waits for the value counts.
 */
function knownSemanticType(
  c: ProfiledColumn,
  peekDistinct: Map<number, number>,
  thresholds: AlertThresholds,
): SemanticType | null {
  if (c.kind === 'date' || c.kind === 'timestamp') return 'datetime';
  if (c.kind === 'other') return 'unsupported';
  if (
    (c.kind === 'float' || c.kind === 'decimal') &&
    (peekDistinct.get(c.index) ?? 0) - 1 > thresholds.lowCategoricalDistinct
  ) {
    return 'numeric';
  }
  return null;
}

/** The semantic type `buildColumn` and then `applyValueSummary` settle on. */
function finalSemanticType(
  c: ProfiledColumn,
  raw: RawColumnStats,
  summary: ValueSummary | undefined,
  thresholds: AlertThresholds,
): SemanticType {
  const allUnique = raw.count > 0 && raw.distinct === raw.count;
  if (summary && !allUnique && summary.fewValues)
    return inferSemanticType(c, raw, thresholds, summary.fewValues);
  return inferSemanticType(c, raw, thresholds);
}

interface AssociationSettings {
  sampleSize: number;
  maxAssociationColumns: number;
  target?: string;
  maxLevels: number;
  missingColumns: ProfiledColumn[];
}

/** At most this many number columns travel into JavaScript (MAD on big tables, matrices). */
const MAX_SAMPLED_NUMBER_COLUMNS = 150;
const MAX_CATEGORICAL_COLUMNS = 50;

async function associationsStage(
  pool: QueryPool,
  table: string,
  columns: ProfiledColumn[],
  profiles: AssociationColumn[],
  rows: number,
  settings: AssociationSettings,
  signal?: AbortSignal,
): Promise<AssociationResult> {
  const skipped: { column: string; reason: string }[] = [];
  const isTarget = (c: ProfiledColumn): boolean => c.name === settings.target;
  const targetFirst = (a: ProfiledColumn, b: ProfiledColumn): number =>
    Number(isTarget(b)) - Number(isTarget(a)) || a.index - b.index;

  const numericAll = columns.filter((c) => profiles[c.index].semanticType === 'numeric').sort(targetFirst);
  const numeric = numericAll.slice(0, settings.maxAssociationColumns).sort((a, b) => a.index - b.index);
  for (const c of numericAll.slice(settings.maxAssociationColumns)) {
    skipped.push({ column: c.name, reason: `more than ${settings.maxAssociationColumns} numeric columns` });
  }
  const categoricalAll = columns
    .filter((c) => {
      const p = profiles[c.index];
      if (p.semanticType !== 'categorical' && p.semanticType !== 'boolean') return false;
      if (p.distinct > settings.maxLevels) {
        skipped.push({ column: c.name, reason: `more than ${settings.maxLevels} distinct values` });
        return false;
      }
      return true;
    })
    .sort(targetFirst);
  const categorical = categoricalAll.slice(0, MAX_CATEGORICAL_COLUMNS).sort((a, b) => a.index - b.index);
  for (const c of categoricalAll.slice(MAX_CATEGORICAL_COLUMNS)) {
    skipped.push({ column: c.name, reason: `more than ${MAX_CATEGORICAL_COLUMNS} categorical columns` });
  }

  // On big tables MAD comes from the sample too, so every number column rides along.
  const sampledNumbers = new Set(numeric.map((c) => c.index));
  const needMad = rows > settings.sampleSize;
  if (needMad) {
    for (const c of columns) {
      if (sampledNumbers.size >= MAX_SAMPLED_NUMBER_COLUMNS) break;
      if (isNumberKind(c.kind) && profiles[c.index].count > 0) sampledNumbers.add(c.index);
    }
  }
  const sampledNumberColumns = columns.filter((c) => sampledNumbers.has(c.index));
  const sample = await pool.use(
    (conn) =>
      fetchSample(
        conn,
        table,
        rows,
        sampledNumberColumns,
        categorical,
        settings.sampleSize,
        signal,
        settings.missingColumns,
      ),
    // Queued value counts wait: the matrices, on this thread, can only start after it.
    true,
  );
  const madFromSample = new Map<number, number | null>();
  const madExact = new Map<number, number | null>();
  if (needMad) {
    for (const c of sampledNumberColumns) {
      const data = sample.numeric.get(c.index);
      if (data) madFromSample.set(c.index, medianAbsoluteDeviation(data));
    }
    const missed = columns.filter(
      (c) => isNumberKind(c.kind) && profiles[c.index].count > 0 && !sampledNumbers.has(c.index),
    );
    // Beyond the sampled columns, fall back to DuckDB's exact mad().
    for (const batch of chunk(missed, 200)) {
      const [row] = await pool.rows(
        `SELECT ${batch.map((c) => `mad(${c.finiteSql})`).join(', ')} FROM ${table}`,
        signal,
      );
      batch.forEach((c, i) => madExact.set(c.index, toNumber(row[i])));
    }
  }
  const associations = await computeAssociations(
    { sample, tableRows: rows, numeric, categorical, skipped },
    signal,
  );
  return { associations, madFromSample, madExact, missingSets: sample.missingSets };
}

function describeApproximations(
  profiles: ColumnProfile[],
  associations: Associations,
  approximateQuantiles: boolean,
  madSampled: boolean,
  sampleSize: number,
): Approximation[] {
  const out: Approximation[] = [];
  const numericNames = profiles.filter((p) => p.numeric).map((p) => p.name);
  if (approximateQuantiles && numericNames.length) {
    out.push({
      stat: 'quantiles',
      columns: [],
      note:
        'Quantiles, IQR and histogram bin widths use DuckDB approx_quantile, a t-digest sketch: ' +
        'its rank error is typically well under 0.5% in the middle of the distribution and smaller ' +
        'towards the tails (p5/p95); min, max and every moment stay exact.',
    });
  }
  if (madSampled) {
    out.push({
      stat: 'mad',
      columns: profiles.filter((p) => p.numeric?.madMethod === 'sample').map((p) => p.name),
      note: `MAD is the exact median absolute deviation of the ${associations.sample.rows.toLocaleString('en-US')}-row sample (${associations.sample.method}); its relative standard error is about 1/√n ≈ ${(100 / Math.sqrt(Math.max(1, associations.sample.rows))).toFixed(1)}%.`,
    });
  }
  if (!associations.sample.exact) {
    out.push({
      stat: 'associations',
      columns: [],
      note:
        `Pearson, Spearman, Cramér's V and η are computed on a ${associations.sample.rows.toLocaleString('en-US')}-row ` +
        `sample (${associations.sample.method}, target ${sampleSize.toLocaleString('en-US')} rows); ` +
        `a correlation's standard error is at most about 1/√n ≈ ${(1 / Math.sqrt(Math.max(1, associations.sample.rows))).toFixed(4)}.`,
    });
  }
  const spearmanWithMissing = profiles.filter(
    (p) => p.missing > 0 && associations.spearman.columns.includes(p.name),
  );
  if (spearmanWithMissing.length) {
    out.push({
      stat: 'spearman',
      columns: spearmanWithMissing.map((p) => p.name),
      note:
        'These columns have missing values: ranks are taken over each column’s own present values ' +
        'and then correlated over rows where both are present (pandas re-ranks each pair), which can ' +
        'differ slightly.',
    });
  }
  out.push({
    stat: 'duplicates',
    columns: [],
    note:
      'Duplicate rows are grouped by a 64-bit hash of the whole row; two different rows collide with ' +
      'probability about n²/2⁶⁵ (3·10⁻⁸ at a million rows).',
  });
  return out;
}
