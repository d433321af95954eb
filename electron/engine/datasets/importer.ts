/**
 * An import as a job: files → one new immutable dataset version. All the work happens on
 * a connection of its own inside one transaction — the version's table, its catalogue
 * row, its rejected rows and its SQL views — and is committed only at the very end, so a
 * cancel (DuckDB's `interrupt()`), a failure or a file that changed under the reader
 * rolls back to exactly the workspace that was there before. An import whose files and
 * options match an earlier version of the same dataset returns that version instead of
 * a copy.
 */
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnInfo, DatasetVersion, FileFormat, ImportOptions } from '../../../shared/datasets';
import { ApiError } from '../../../shared/errors';
import { formatCount } from '../../../shared/format';
import { describeFailure, firstLine, isInterrupt } from '../db/duckdb-errors';
import { quoteIdentifier, sqlLiteral } from '../db/sql-text';
import type { JobContext } from '../jobs/job-manager';
import {
  addVersion,
  findBySourceKey,
  findDataset,
  getVersion,
  importLineages,
  newId,
  versionTable,
} from './dataset-store';
import { sourceKey, startHashing } from './import-fingerprint';
import { readIntoTable } from './import-read';
import { describeColumns, stage, type Staging } from './import-staging';
import { assertUnchanged } from './source-changes';
import {
  assertLooksLikeText,
  datasetNameFromFile,
  detectFormat,
  resolveFiles,
  type ResolvedFile,
} from './source-files';

export interface ImportRequest {
  paths: string[];
  name?: string;
  options?: ImportOptions;
}

export interface ImportOutcome {
  version: DatasetVersion;
  /** True when an identical earlier import was found and returned. */
  unchanged: boolean;
  renamedColumns: string[];
}

export interface ImportDeps {
  connect(): Promise<DuckDBConnection>;
  release(connection: DuckDBConnection): void;
}

/** What must be undone when the import stops early. */
interface Pending {
  inTransaction: boolean;
  staging: Staging | null;
}

export async function runImport(
  ctx: JobContext,
  deps: ImportDeps,
  request: ImportRequest,
): Promise<ImportOutcome> {
  const connection = await deps.connect();
  const interrupt = () => connection.interrupt();
  ctx.signal.addEventListener('abort', interrupt);
  const pending: Pending = { inTransaction: false, staging: null };
  try {
    return await importFiles(ctx, connection, request, pending);
  } catch (error) {
    if (pending.inTransaction) await connection.run('ROLLBACK').catch(() => undefined);
    if (ctx.signal.aborted || isInterrupt(error)) throw cancelled();
    const what =
      request.paths.length === 1 ? path.basename(request.paths[0]!) : `${request.paths.length} files`;
    throw describeFailure(
      error,
      `importing ${what}`,
      (message) => new ApiError('INVALID_INPUT', `Importing ${what} failed: ${firstLine(message)}.`),
    );
  } finally {
    pending.staging?.cleanup();
    ctx.signal.removeEventListener('abort', interrupt);
    deps.release(connection);
  }
}

async function importFiles(
  ctx: JobContext,
  connection: DuckDBConnection,
  request: ImportRequest,
  pending: Pending,
): Promise<ImportOutcome> {
  const options = request.options ?? {};
  await connection.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false');
  ctx.progress({ stage: 'Checking files' });
  const files = await resolveFiles(connection, request.paths);
  const format = options.format ?? (await detectFormat(files[0]!));
  for (const f of files) {
    if (format === 'csv' || format === 'json' || format === 'ndjson')
      await assertLooksLikeText(f, format, options.encoding);
  }
  const name = request.name?.trim() || datasetNameFromFile(files[0]!.path);
  const keyOptions = { ...options, format };
  const earlier = await findUnchanged(ctx, connection, name, files, format, keyOptions);
  if (earlier) return { version: earlier, unchanged: true, renamedColumns: [] };

  const totalBytes = files.reduce((n, f) => n + f.sizeBytes, 0);
  const hashing = startHashing(files, ctx.signal, () => undefined);
  const started = Date.now();
  ctx.progress({
    stage: `Reading ${files.length === 1 ? path.basename(files[0]!.path) : `${files.length} files`}`,
    done: 0,
    total: totalBytes,
  });
  // Staging (sniffing, temporary tables of this connection) happens before the
  // transaction: a failed sniff would abort it, and temporary tables vanish with the connection.
  const staging = await stage(connection, format, files, options, ctx.signal, (rows) =>
    ctx.progress({ stage: `Reading rows (${formatCount(rows)})` }),
  );
  pending.staging = staging;
  ctx.throwIfCancelled();
  await connection.run('BEGIN TRANSACTION');
  pending.inTransaction = true;
  const versionId = newId('v');
  const table = versionTable(versionId);
  await readIntoTable({ ctx, connection, table, staging, files, format, hashing, totalBytes });
  ctx.throwIfCancelled();
  ctx.progress({ stage: 'Recording the version', done: totalBytes, total: totalBytes });
  const sources = await hashing.done;
  // Both DuckDB and the fingerprint have read the files: they must still be what was resolved.
  await assertUnchanged(files);
  const columns = await describeColumns(connection, table);
  if (columns.length === 0) {
    throw new ApiError(
      'INVALID_INPUT',
      `${path.basename(files[0]!.path)} has no columns; there is nothing to import.`,
    );
  }
  const rows = await scalar(connection, `SELECT count(*) FROM ${table}`);
  const rejectedRows = await keepRejects(connection, staging, versionId);
  ctx.throwIfCancelled();
  const { number } = await addVersion(connection, {
    id: versionId,
    dataset: name,
    rows,
    columns,
    lineage: { kind: 'import', format, sources, options: staging.options, durationMs: Date.now() - started },
    sourceKey: sourceKey(format, sources, keyOptions),
    rejectedRows,
  });
  ctx.throwIfCancelled();
  await connection.run('COMMIT');
  pending.inTransaction = false;
  const renamedColumns = renamedDuplicates(columns);
  ctx.finalStage(
    [
      `Imported ${formatCount(rows)} rows as version ${number}`,
      rejectedRows ? `skipped ${formatCount(rejectedRows)} bad rows` : '',
      renamedColumns.length ? `renamed repeated columns: ${renamedColumns.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; '),
  );
  return { version: await getVersion(connection, versionId), unchanged: false, renamedColumns };
}

/** A re-import of the same files: hash first and return the existing version if it matches. */
async function findUnchanged(
  ctx: JobContext,
  connection: DuckDBConnection,
  name: string,
  files: ResolvedFile[],
  format: FileFormat,
  keyOptions: ImportOptions,
): Promise<DatasetVersion | null> {
  const existing = await findDataset(connection, name);
  if (!existing) return null;
  const sameShape = (await importLineages(connection, existing.id)).some(
    (l) =>
      l.kind === 'import' &&
      l.sources.length === files.length &&
      l.sources.every((s, i) => s.path === files[i]!.path && s.sizeBytes === files[i]!.sizeBytes),
  );
  if (!sameShape) return null;
  const totalBytes = files.reduce((n, f) => n + f.sizeBytes, 0);
  ctx.progress({ stage: 'Fingerprinting files', done: 0, total: totalBytes });
  let hashed = 0;
  const sources = await startHashing(files, ctx.signal, (n) => ctx.progress({ done: (hashed += n) })).done;
  await assertUnchanged(files);
  const found = await findBySourceKey(connection, existing.id, sourceKey(format, sources, keyOptions));
  if (found) ctx.finalStage(`Unchanged since version ${found.number}; kept it`);
  return found;
}

/** Rows the reader skipped, kept beside the version; returns how many. */
async function keepRejects(
  connection: DuckDBConnection,
  staging: Staging,
  versionId: string,
): Promise<number> {
  if (!staging.rejectsTable) return 0;
  const rejects = quoteIdentifier(staging.rejectsTable);
  const scans = quoteIdentifier(`${staging.rejectsTable}_scan`);
  await connection.run(
    `INSERT INTO assay.dataset_rejects
       SELECT ${sqlLiteral(versionId)}, s.file_path, e.line, e.column_name, e.error_type, e.csv_line, e.error_message
         FROM temp.${rejects} e LEFT JOIN temp.${scans} s USING (scan_id, file_id)`,
  );
  return scalar(connection, `SELECT count(DISTINCT (file_id, line)) FROM temp.${rejects}`);
}

/** DuckDB names repeated headers `a_1`, `a_2`; people are told which ones. */
function renamedDuplicates(columns: ColumnInfo[]): string[] {
  const names = new Set(columns.map((c) => c.name));
  return columns
    .map((c) => c.name)
    .filter((n) => {
      const base = /^(.*)_\d+$/.exec(n)?.[1];
      return base !== undefined && names.has(base);
    });
}

async function scalar(connection: DuckDBConnection, sql: string): Promise<number> {
  const reader = await connection.runAndReadAll(sql);
  return Number(reader.getRowsJS()[0]?.[0] ?? 0);
}

function cancelled(): Error {
  const error = new Error('The import was cancelled.');
  error.name = 'AbortError';
  return error;
}
