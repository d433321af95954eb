/**
 * The SQL console: DuckDB's dialect over the datasets, read-only. A query is checked on
 * DuckDB's parse tree before anything binds it (see ../db/read-only-sql.ts), then runs
 * as a job on a connection of its own inside a READ ONLY transaction: other clients'
 * grid pages and catalogue reads never wait behind it, the jobs panel can cancel it
 * (DuckDB's `interrupt`), and a time limit stops one that runs away. Errors keep
 * DuckDB's own message, including the "LINE 1: …" excerpt with its caret.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { SqlResult, TableCompletion } from '../../../shared/datasets';
import { ApiError } from '../../../shared/errors';
import { formatCount } from '../../../shared/format';
import { isInterrupt } from '../db/duckdb-errors';
import { checkReadOnly, prepareReadOnly, sqlError } from '../db/read-only-sql';
import type { JobContext } from '../jobs/job-manager';
import { encodeReader } from './arrow-page';
import { findDataset, listDatasets, listVersions, versionViewName } from './dataset-store';

const DEFAULT_TIMEOUT_S = 300;

/** The console's time limit: ASSAY_SQL_TIMEOUT_S seconds (default 300). */
export function sqlTimeoutSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const given = Number(env.ASSAY_SQL_TIMEOUT_S);
  return Number.isFinite(given) && given > 0 ? given : DEFAULT_TIMEOUT_S;
}

/** Refuse anything but one reading query, before a job is started for it. */
export async function checkConsoleQuery(connection: DuckDBConnection, sql: string): Promise<void> {
  await checkReadOnly(connection, sql, { allowExplain: true, allowPragma: true });
}

/**
 * Run a checked query on `connection` (which the caller owns) within `timeoutS`: cancel
 * and the time limit both interrupt DuckDB, so a query over a trillion rows stops at once.
 */
export async function runConsoleQuery(
  ctx: JobContext,
  connection: DuckDBConnection,
  sql: string,
  limit: number,
  timeoutS: number,
): Promise<SqlResult> {
  const started = performance.now();
  let timedOut = false;
  const interrupt = () => connection.interrupt();
  const timer = setTimeout(() => {
    timedOut = true;
    connection.interrupt();
  }, timeoutS * 1000);
  ctx.signal.addEventListener('abort', interrupt);
  await connection.run('BEGIN TRANSACTION READ ONLY');
  try {
    ctx.progress({ stage: 'Running the query', fraction: null });
    const prepared = await prepareReadOnly(connection, sql);
    const reader = await prepared.streamAndReadUntil(limit + 1);
    ctx.throwIfCancelled();
    const truncated = reader.currentRowCount > limit;
    const columns = reader.columnNames().map((name, i) => ({ name, type: reader.columnType(i).toString() }));
    const rowCount = Math.min(limit, reader.currentRowCount);
    ctx.finalStage(`${formatCount(rowCount)} rows${truncated ? ' (more not shown)' : ''}`);
    return {
      columns,
      page: encodeReader(reader, limit),
      rowCount,
      truncated,
      elapsedMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    if (timedOut) {
      throw new ApiError(
        'CANCELLED',
        `The query ran for more than ${timeoutS} seconds and was stopped; narrow it (WHERE, LIMIT, a sample) or raise ASSAY_SQL_TIMEOUT_S.`,
      );
    }
    if (ctx.signal.aborted || isInterrupt(error)) {
      const cancelled = new Error('The query was cancelled.');
      cancelled.name = 'AbortError';
      throw cancelled;
    }
    throw sqlError(error);
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', interrupt);
    await connection.run('ROLLBACK').catch(() => undefined);
  }
}

/** Tables a query may name: each dataset (its latest version) and each `dataset@N`. */
export async function completions(connection: DuckDBConnection): Promise<TableCompletion[]> {
  const out: TableCompletion[] = [];
  for (const dataset of await listDatasets(connection)) {
    out.push({ name: dataset.name, columns: dataset.latest.columns });
    const record = await findDataset(connection, dataset.name);
    if (!record) continue;
    for (const v of await listVersions(connection, record.id)) {
      out.push({ name: versionViewName(dataset.name, v.number), columns: v.columns });
    }
  }
  return out;
}
