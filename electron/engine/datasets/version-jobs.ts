/**
 * Jobs that derive a new version from existing data — a retype (CAST of some columns)
 * and a saved SQL result — and the export of a version to a file. Like imports they work
 * on their own connection inside one transaction (the export writes to a temporary file
 * and renames it at the end), so a cancel or a failure leaves no trace.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnInfo, DatasetVersion, Lineage } from '../../../shared/datasets';
import { ApiError } from '../../../shared/errors';
import { formatCount } from '../../../shared/format';
import { describeFailure, firstLine, isInterrupt } from '../db/duckdb-errors';
import { prepareReadOnly, sqlError } from '../db/read-only-sql';
import { checkedTypeName, quoteIdentifier, sqlLiteral } from '../db/sql-text';
import type { JobContext } from '../jobs/job-manager';
import { resolveWriteTarget } from '../workspace/caller-paths';
import { addVersion, getVersion, newId, resolveVersion, versionTable } from './dataset-store';
import type { ImportDeps } from './importer';
import { describeColumns } from './import-staging';

export type Build = (connection: DuckDBConnection, table: string) => Promise<{ lineage: Lineage }>;

/** What a recorded build gives: the lineage, and a record written once the version exists. */
export interface Built<R> {
  lineage: Lineage;
  /** Writes what describes the version (a feature set's version, a join's sets), same transaction. */
  record(connection: DuckDBConnection, version: DatasetVersion): Promise<R>;
}

/**
 * Shared frame: own connection, transaction, cancel → interrupt, version row and views.
 * Exported for jobs that stage rows in temporary tables first (predictions): their `deps`
 * hand out the connection that holds those tables.
 */
export async function deriveVersion(
  ctx: JobContext,
  deps: ImportDeps,
  datasetName: string,
  build: Build,
): Promise<DatasetVersion> {
  const derived = await deriveRecordedVersion(ctx, deps, datasetName, async (connection, table) => ({
    ...(await build(connection, table)),
    record: async () => undefined,
  }));
  return derived.version;
}

/**
 * `deriveVersion` with one more step before COMMIT: the build's record, so the version and
 * what describes it commit together and a problem, a failure or a cancel leaves neither.
 */
export async function deriveRecordedVersion<R>(
  ctx: JobContext,
  deps: ImportDeps,
  datasetName: string,
  build: (connection: DuckDBConnection, table: string) => Promise<Built<R>>,
): Promise<{ version: DatasetVersion; recorded: R }> {
  const connection = await deps.connect();
  const interrupt = () => connection.interrupt();
  ctx.signal.addEventListener('abort', interrupt);
  let inTransaction = false;
  try {
    await connection.run('BEGIN TRANSACTION');
    inTransaction = true;
    const versionId = newId('v');
    const table = versionTable(versionId);
    const built = await build(connection, table);
    ctx.throwIfCancelled();
    const columns = await describeColumns(connection, table);
    const rows = Number(
      (await connection.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRowsJS()[0]?.[0] ?? 0,
    );
    const { dataset, number } = await addVersion(connection, {
      id: versionId,
      dataset: datasetName,
      rows,
      columns,
      lineage: built.lineage,
      sourceKey: null,
      rejectedRows: 0,
    });
    const version = await getVersion(connection, versionId);
    const recorded = await built.record(connection, version);
    ctx.throwIfCancelled();
    await connection.run('COMMIT');
    inTransaction = false;
    ctx.finalStage(`Saved ${formatCount(rows)} rows as ${dataset.name}@${number}`);
    return { version, recorded };
  } catch (error) {
    if (inTransaction) await connection.run('ROLLBACK').catch(() => undefined);
    if (ctx.signal.aborted || isInterrupt(error)) {
      const cancelled = new Error('Cancelled.');
      cancelled.name = 'AbortError';
      throw cancelled;
    }
    throw error;
  } finally {
    ctx.signal.removeEventListener('abort', interrupt);
    deps.release(connection);
  }
}

/** The first value of `column` that does not convert to `type`, with its row number. */
async function firstBadValue(
  connection: DuckDBConnection,
  table: string,
  column: string,
  type: string,
): Promise<{ row: number; value: string } | null> {
  const id = quoteIdentifier(column);
  const reader = await connection.runAndReadAll(
    `SELECT rowid, CAST(${id} AS VARCHAR) FROM ${table}
      WHERE ${id} IS NOT NULL AND TRY_CAST(${id} AS ${type}) IS NULL ORDER BY rowid LIMIT 1`,
  );
  const row = reader.getRowsJS()[0];
  return row ? { row: Number(row[0]) + 1, value: String(row[1]) } : null;
}

export async function runRetype(
  ctx: JobContext,
  deps: ImportDeps,
  versionRef: string,
  changes: Record<string, string>,
): Promise<DatasetVersion> {
  const started = Date.now();
  const probe = await deps.connect();
  let parent: DatasetVersion;
  try {
    parent = await resolveVersion(probe, versionRef);
  } finally {
    deps.release(probe);
  }
  const entries = Object.entries(changes).map(([column, type]) => {
    if (!parent.columns.some((c: ColumnInfo) => c.name === column)) {
      throw new ApiError(
        'INVALID_INPUT',
        `There is no column "${column}" in ${parent.dataset}@${parent.number}.`,
      );
    }
    return [column, checkedTypeName(type)] as const;
  });
  if (entries.length === 0) throw new ApiError('INVALID_INPUT', 'Choose at least one column to change.');
  return deriveVersion(ctx, deps, parent.dataset, async (connection, table) => {
    const source = versionTable(parent.id);
    ctx.progress({ stage: 'Checking values', fraction: 0.1 });
    for (const [column, type] of entries) {
      const bad = await firstBadValue(connection, source, column, type);
      if (bad) {
        throw new ApiError('INVALID_INPUT', retypeSentence(bad.row, column, bad.value, type), {
          row: bad.row,
          column,
          value: bad.value,
          type,
        });
      }
    }
    ctx.progress({ stage: 'Writing the new version', fraction: 0.4 });
    const casts = entries.map(([c, t]) => `CAST(${quoteIdentifier(c)} AS ${t}) AS ${quoteIdentifier(c)}`);
    await connection.run(
      `CREATE TABLE ${table} AS SELECT * REPLACE (${casts.join(', ')}) FROM ${source} ORDER BY rowid`,
    );
    return {
      lineage: {
        kind: 'retype',
        parent: parent.id,
        changes: Object.fromEntries(entries),
        durationMs: Date.now() - started,
      },
    };
  });
}

/** A value that does not convert, in the words of the column menu (not of an import). */
function retypeSentence(row: number, column: string, value: string, type: string): string {
  return `Column ${column} cannot become ${type}: row ${formatCount(row)} holds "${value}", which does not convert to ${type}; choose another type, or clean the column first.`;
}

export async function runSqlSave(
  ctx: JobContext,
  deps: ImportDeps,
  sql: string,
  name: string,
): Promise<DatasetVersion> {
  const started = Date.now();
  return deriveVersion(ctx, deps, name, async (connection, table) => {
    // The same check as the console, without EXPLAIN or PRAGMA: the text is spliced into
    // CREATE TABLE … AS, so it must be exactly one plain query.
    (await prepareReadOnly(connection, sql, { allowExplain: false, allowPragma: false })).destroySync();
    const parents: string[] = [];
    for (const referenced of connection.getTableNames(sql, false)) {
      try {
        parents.push((await resolveVersion(connection, referenced)).id);
      } catch {
        // Not a dataset (a table function, a CTE name): not a parent.
      }
    }
    ctx.progress({ stage: 'Running the query', fraction: null });
    try {
      await connection.run(`CREATE TABLE ${table} AS (\n${sql.trim().replace(/;\s*$/, '')}\n)`);
    } catch (error) {
      if (isInterrupt(error)) throw error;
      throw describeFailure(error, `saving the query as ${name}`, (message) => saveError(message, table));
    }
    return {
      lineage: { kind: 'sql', sql, parents: [...new Set(parents)], durationMs: Date.now() - started },
    };
  });
}

/**
 * DuckDB's message about the query as the person wrote it: its LINE excerpt would quote
 * the CREATE TABLE that wraps the query and the internal name of the version's table.
 */
function saveError(message: string, table: string): ApiError {
  const internal = message.includes(table) || /CREATE TABLE/i.test(message);
  const text = internal ? message.split(/\n\s*LINE \d+:/)[0]!.trim() : message.trim();
  if (text.includes(table) || /CREATE TABLE "data"/i.test(text)) {
    return new ApiError(
      'INVALID_INPUT',
      `The query could not be saved: ${firstLine(text.replaceAll(table, 'the new version'))}.`,
    );
  }
  return sqlError(text);
}

export async function runExport(
  ctx: JobContext,
  deps: ImportDeps,
  versionRef: string,
  format: 'csv' | 'parquet',
  target: string,
): Promise<{ path: string; bytes: number }> {
  const file = await resolveWriteTarget(target, 'The file to export to');
  const dir = path.dirname(file);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new ApiError(
      'INVALID_INPUT',
      `The folder ${dir} does not exist; create it or choose another place to save.`,
    );
  }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    throw new ApiError('INVALID_INPUT', `${file} is a folder; give a file name to save to.`);
  }
  const partial = `${file}.${process.pid}.partial`;
  const connection = await deps.connect();
  const interrupt = () => connection.interrupt();
  ctx.signal.addEventListener('abort', interrupt);
  const poll = setInterval(() => {
    const p = connection.progress;
    if (p.percentage >= 0) ctx.progress({ fraction: p.percentage / 100 });
  }, 200);
  try {
    await connection.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false');
    const version = await resolveVersion(connection, versionRef);
    ctx.progress({ stage: `Writing ${path.basename(file)}`, fraction: 0 });
    const options = format === 'csv' ? '(FORMAT csv, HEADER true)' : '(FORMAT parquet, COMPRESSION zstd)';
    await connection.run(
      `COPY (SELECT * FROM ${versionTable(version.id)} ORDER BY rowid) TO ${sqlLiteral(partial)} ${options}`,
    );
    ctx.throwIfCancelled();
    fs.renameSync(partial, file);
    const bytes = fs.statSync(file).size;
    ctx.finalStage(`Saved ${formatCount(version.rows)} rows to ${path.basename(file)}`);
    return { path: file, bytes };
  } catch (error) {
    fs.rmSync(partial, { force: true, recursive: true });
    if (ctx.signal.aborted || isInterrupt(error)) {
      const cancelled = new Error('Cancelled.');
      cancelled.name = 'AbortError';
      throw cancelled;
    }
    throw describeFailure(
      error,
      `exporting to ${file}`,
      (message) => new ApiError('INVALID_INPUT', `Writing ${file} failed: ${firstLine(message)}.`),
    );
  } finally {
    clearInterval(poll);
    ctx.signal.removeEventListener('abort', interrupt);
    deps.release(connection);
  }
}
