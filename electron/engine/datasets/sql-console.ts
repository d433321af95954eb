/**
 * The SQL console: DuckDB's dialect over the datasets, read-only. A query is checked
 * before it runs — exactly one statement, of a type that only reads (SELECT, which DuckDB
 * also uses for VALUES, DESCRIBE, SUMMARIZE, SHOW and table-valued PRAGMAs, or EXPLAIN) —
 * and then runs inside a READ ONLY transaction, so even a reading statement with a
 * side effect we did not think of cannot change the workspace. Errors keep DuckDB's own
 * message, including the "LINE 1: …" excerpt with its caret.
 */
import { StatementType, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import type { SqlResult, TableCompletion } from '../../../shared/datasets';
import { ApiError } from '../../../shared/errors';
import { encodeReader } from './arrow-page';
import { listDatasets, listVersions, findDataset, versionViewName } from './dataset-store';
import { messageOf } from './import-errors';
import { sqlLiteral } from '../db/sql-text';

export const WRITE_REFUSED =
  'This query writes to the workspace; use “Save as dataset” to keep a result as a new version.';

const READING = new Set<StatementType>([StatementType.SELECT, StatementType.EXPLAIN]);

/** DuckDB's message without its "Parser Error: " style prefix noise kept intact otherwise. */
export function sqlError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('INVALID_INPUT', messageOf(error).trim());
}

/** Prepare the single reading statement of `sql`, or refuse. */
export async function prepareReadOnly(
  connection: DuckDBConnection,
  sql: string,
): Promise<DuckDBPreparedStatement> {
  let count: number;
  let statements;
  try {
    statements = await connection.extractStatements(sql);
    count = statements.count;
  } catch (error) {
    throw sqlError(error);
  }
  if (count === 0) throw new ApiError('INVALID_INPUT', 'Write a query first.');
  if (count > 1) throw new ApiError('INVALID_INPUT', `This is ${count} statements; run one query at a time.`);
  // Parse before binding: binding a write can fail first (DROP of a missing table), which
  // would hide the real reason for refusing it.
  const selectLike = await parsesAsSelect(connection, sql);
  let prepared: DuckDBPreparedStatement;
  try {
    prepared = await statements.prepare(0);
  } catch (error) {
    if (!selectLike) throw new ApiError('INVALID_INPUT', WRITE_REFUSED);
    throw sqlError(error);
  }
  if (!READING.has(prepared.statementType)) throw new ApiError('INVALID_INPUT', WRITE_REFUSED);
  return prepared;
}

/** DuckDB's parser alone (no binding): json_serialize_sql only accepts SELECT statements. */
async function parsesAsSelect(connection: DuckDBConnection, sql: string): Promise<boolean> {
  try {
    const reader = await connection.runAndReadAll(`SELECT json_serialize_sql(${sqlLiteral(sql)})::VARCHAR`);
    const parsed = JSON.parse(String(reader.getRowsJS()[0]?.[0] ?? '{}')) as {
      error?: boolean;
      error_message?: string;
    };
    return !(parsed.error && /only SELECT/i.test(parsed.error_message ?? ''));
  } catch {
    return true;
  }
}

export async function runReadOnly(
  connection: DuckDBConnection,
  sql: string,
  limit: number,
): Promise<SqlResult> {
  const started = performance.now();
  await connection.run('BEGIN TRANSACTION READ ONLY');
  try {
    const prepared = await prepareReadOnly(connection, sql);
    let reader;
    try {
      reader = await prepared.streamAndReadUntil(limit + 1);
    } catch (error) {
      throw sqlError(error);
    }
    const truncated = reader.currentRowCount > limit;
    const page = encodeReader(reader, limit);
    const columns = reader.columnNames().map((name, i) => ({ name, type: reader.columnType(i).toString() }));
    return {
      columns,
      page,
      rowCount: Math.min(limit, reader.currentRowCount),
      truncated,
      elapsedMs: Math.round(performance.now() - started),
    };
  } finally {
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
