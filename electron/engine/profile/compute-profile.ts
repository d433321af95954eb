/**
 * computeProfile: the profile of one dataset version, pushed into DuckDB as a handful of
 * scans and run as stages over one `ProfileRun` (see run-context.ts and stages/): setup
 * (columns, rows, first rows); column statistics and value counts (one wide aggregate per
 * 200 columns, then per column one GROUP BY that also yields exact quantiles and, on big
 * tables, histogram counts; near-unique number columns instead read once and sorted in
 * JavaScript, see sorted-column.ts); the overview; distributions (any histogram still
 * missing, date periods); duplicates and missing values (their statements started first,
 * alongside the statistics); associations on a sample in JavaScript, started as soon as
 * their inputs are known so they overlap the later statements; alerts; and the assembled
 * profile. Per-column statements run on up to `options.connect`-provided
 * extra connections at once. Progress is reported after each stage with the profile so far
 * (overview first), and an AbortSignal interrupts every running query.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Profile } from '../../../shared/profile';
import { describeApproximations } from './approximations';
import type { DuplicateSummary } from './duplicates';
import type { MissingCounts } from './missingness';
import type { ProfileOptions, ProfileRun } from './run-context';
import { STAGE_END } from './run-context';
import { QueryPool, throwIfAborted } from './sql';
import { alertsStage } from './stages/alerts-stage';
import type { AssociationResult } from './stages/association-stage';
import { distributionsStage } from './stages/distributions-stage';
import { duplicatesStage, startDuplicates } from './stages/duplicates-stage';
import { EarlyAssociations } from './stages/early-associations';
import { missingStage, nullityHeatmap, startMissingMatrix } from './stages/missing-stage';
import { type ProfileDraft, overviewStage } from './stages/overview-stage';
import { openRun } from './stages/setup-stage';
import { type StatisticsTasks, startStatistics } from './stages/statistics-stage';

export type { ProfileOptions } from './run-context';

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
  let run: ProfileRun | undefined;
  try {
    run = await openRun(conn, pool, table, options);
    return await profileWith(run);
  } finally {
    await run?.sorter.close();
    for (const extra of pool.allConnections) if (extra !== conn) extra.closeSync();
  }
}

/**
 * The caller's connection plus, when it can open more, extra ones that see `table`: up to
 * `concurrency` for the pool, and one more as its express lane (`useExpress`).
 */
async function openPool(conn: DuckDBConnection, table: string, options: ProfileOptions): Promise<QueryPool> {
  const connections = [conn];
  const wanted = Math.max(1, Math.floor(options.concurrency ?? 2));
  let express: DuckDBConnection | undefined;
  if (options.connect) {
    while (connections.length < wanted + 1) {
      const extra = await openExtra(options.connect, table);
      if (!extra) break;
      connections.push(extra);
    }
    if (connections.length > wanted) express = connections.pop();
  }
  return new QueryPool(connections, express);
}

/** Another connection that sees `table`, or undefined (a TEMP relation is private to its connection). */
async function openExtra(
  connect: () => Promise<DuckDBConnection>,
  table: string,
): Promise<DuckDBConnection | undefined> {
  let extra: DuckDBConnection | undefined;
  try {
    extra = await connect();
    await extra.run(`SELECT * FROM ${table} LIMIT 0`);
    return extra;
  } catch {
    extra?.closeSync();
    return undefined;
  }
}

/**
 * The statements start in the order they are waited on: the nullity matrix (whose missing
 * counts let the associations start), the statistics (the near-unique columns' reads, which
 * feed the sort thread, ahead of everything queued after them), then the duplicates, which
 * nothing needs before their own stage. Whatever fails, they have stopped before the
 * caller closes the connections.
 */
async function profileWith(run: ProfileRun): Promise<Profile> {
  const matrix = startMissingMatrix(run);
  const statistics = startStatistics(
    run,
    matrix?.then((m) => m.totals),
  );
  const early = { statistics, matrix, duplicates: startDuplicates(run) };
  try {
    return await profileStages(run, early);
  } catch (error) {
    await Promise.allSettled([early.duplicates, early.matrix, statistics.done]);
    throw error;
  }
}

/**
 * The stages in order. The associations start inside the statistics stage (once the
 * semantic types are known) and run alongside everything up to the alerts; the
 * distributions, duplicates and missing-values stages take turns on the pool meanwhile.
 */
async function profileStages(
  run: ProfileRun,
  early: {
    statistics: StatisticsTasks;
    duplicates: Promise<DuplicateSummary>;
    matrix: Promise<MissingCounts> | undefined;
  },
): Promise<Profile> {
  const { statistics } = early;
  const associations = new EarlyAssociations(run, statistics);
  await associations.alongside(statistics.done);
  const draft = overviewStage(run, statistics.statistics);
  associations.reconcile(draft.columns);
  await associations.alongside(
    (async () => {
      await distributionsStage(run, statistics.statistics, draft);
      await duplicatesStage(run, draft, early.duplicates);
      await missingStage(run, draft, early.matrix);
    })(),
  );
  const result = await associations.result();
  applyAssociations(run, draft, result);
  const { alerts, target } = alertsStage(run, draft, result.associations);
  const profile: Profile = {
    formatVersion: 1,
    table: run.table,
    createdAt: new Date().toISOString(),
    durationMs: run.progress.elapsedMs(),
    timings: run.progress.timings,
    overview: draft.overview,
    columns: draft.columns,
    missing: draft.missing,
    associations: result.associations,
    ...(target ? { target } : {}),
    alerts,
    thresholds: run.settings.thresholds,
    approximations: describeApproximations(
      draft.columns,
      result.associations,
      run.approximateQuantiles,
      result.madFromSample.size > 0,
      run.settings.sampleSize,
    ),
  };
  run.progress.report(STAGE_END.alerts, 'done', profile);
  return profile;
}

/** MAD from the sample (or DuckDB's exact mad() beyond it) and the nullity heatmap. */
function applyAssociations(run: ProfileRun, draft: ProfileDraft, result: AssociationResult): void {
  const profiles = draft.columns;
  for (const [index, mad] of result.madExact) {
    const numeric = profiles[index].numeric;
    if (numeric) numeric.mad = mad;
  }
  nullityHeatmap(run, draft, result.missingSets);
  for (const [index, mad] of result.madFromSample) {
    const numeric = profiles[index].numeric;
    if (numeric) {
      numeric.mad = mad;
      numeric.madMethod = 'sample';
    }
  }
  run.progress.endStage('associations');
  run.progress.report(STAGE_END.associations, 'associations', {
    table: run.table,
    overview: draft.overview,
    columns: profiles,
    missing: draft.missing,
    associations: result.associations,
  });
}
