/**
 * The first stage: the relation's columns, its row count, its first rows (the sample shown
 * in the overview) and a peek at the first 10,000 rows of the number columns, all on the
 * caller's connection. Everything later is planned from what this learns.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { resolveThresholds } from '../../../../shared/profile/thresholds';
import { displaySql, listColumns } from '../columns';
import { peekColumns } from '../column-stats';
import type { ProfileOptions, ProfileRun, ProfileSettings } from '../run-context';
import { ProgressReporter } from '../run-context';
import { SortThread } from '../sort-thread';
import { type QueryPool, queryRows } from '../sql';
import { toCount, toProfileValue } from '../values';

export function resolveSettings(options: ProfileOptions): ProfileSettings {
  return {
    target: options.target,
    thresholds: resolveThresholds(options.thresholds),
    exactQuantileMaxRows: options.exactQuantileMaxRows ?? 1_000_000,
    sampleSize: options.sampleSize ?? 100_000,
    maxAssociationColumns: options.maxAssociationColumns ?? 100,
    batchSize: options.batchSize,
  };
}

/** Opens the run: reads columns, rows, first rows and the peek, and times them as 'setup'. */
export async function openRun(
  conn: DuckDBConnection,
  pool: QueryPool,
  table: string,
  options: ProfileOptions,
): Promise<ProfileRun> {
  const progress = new ProgressReporter(options.onProgress);
  const settings = resolveSettings(options);
  const { signal } = options;
  const columns = await listColumns(conn, table, signal);
  if (settings.target !== undefined && !columns.some((c) => c.name === settings.target)) {
    throw new Error(`The target column "${settings.target}" is not in the table.`);
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
  progress.endStage('setup');
  return {
    conn,
    pool,
    table,
    settings,
    signal,
    columns,
    rows,
    sampleRows,
    peek,
    progress,
    approximateQuantiles: rows > settings.exactQuantileMaxRows,
    // Its worker starts with the statistics stage, once the peek has shown what to sort.
    sorter: new SortThread(),
  };
}
