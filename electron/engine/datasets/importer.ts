/**
 * An import as a job: files → one new immutable dataset version. All the work happens on
 * a connection of its own inside one transaction — the version's table, its catalogue
 * row, its rejected rows and its SQL views — and is committed only at the very end, so a
 * cancel (DuckDB's `interrupt()`) or a failure rolls back to exactly the workspace that
 * was there before. The files are fingerprinted (sha256) while DuckDB reads them; an
 * import whose files and options match an earlier version of the same dataset returns
 * that version instead of a copy.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  ColumnInfo,
  DatasetVersion,
  FileFormat,
  ImportOptions,
  SourceFile,
} from '../../../shared/datasets';
import { ApiError } from '../../../shared/errors';
import type { JobContext } from '../jobs/job-manager';
import { stageArrowFile } from './arrow-source';
import {
  addVersion,
  findBySourceKey,
  findDataset,
  getVersion,
  importLineages,
  newId,
  versionTable,
} from './dataset-store';
import { excelToNdjson, type StagedExcel } from './excel-source';
import { describeReadError, formatCount, isInterrupt } from './import-errors';
import { readerPlan, stagedSource } from './reader-sql';
import { quoteIdentifier, sqlLiteral } from '../db/sql-text';
import {
  assertLooksLikeText,
  datasetNameFromFile,
  detectFormat,
  firstRaggedLine,
  resolveFiles,
  toSourceFile,
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

/** Stable JSON (sorted keys) so equal options always give the same key. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * sha256 of a file and, for gzip, a full inflate: DuckDB reads a truncated gzip without
 * complaint and silently returns the rows before the cut, so we check it ourselves.
 */
async function fingerprintFile(
  file: ResolvedFile,
  signal: AbortSignal,
  onBytes: (n: number) => void,
): Promise<string> {
  const hash = createHash('sha256');
  const gunzip = file.compression === 'gzip' ? createGunzip() : null;
  const sink = gunzip
    ? pipeline(
        gunzip,
        new Writable({
          write: (_chunk, _enc, done) => done(),
        }),
      )
    : null;
  try {
    for await (const chunk of createReadStream(file.path, { highWaterMark: 1 << 20, signal })) {
      hash.update(chunk as Buffer);
      onBytes((chunk as Buffer).length);
      if (gunzip && !gunzip.write(chunk)) await new Promise((r) => gunzip.once('drain', r));
    }
    if (gunzip) {
      gunzip.end();
      await sink;
    }
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    if (gunzip) {
      throw new ApiError(
        'INVALID_INPUT',
        `${path.basename(file.path)} is a damaged or truncated gzip file (${(error as Error).message}); download or compress it again.`,
      );
    }
    throw error;
  }
  return hash.digest('hex');
}

interface Hashing {
  done: Promise<SourceFile[]>;
}

function startHashing(files: ResolvedFile[], signal: AbortSignal, onBytes: (n: number) => void): Hashing {
  const done = (async () => {
    const out: SourceFile[] = [];
    for (const f of files) out.push(toSourceFile(f, await fingerprintFile(f, signal, onBytes)));
    return out;
  })();
  done.catch(() => undefined);
  return { done };
}

function sourceKey(format: FileFormat, sources: SourceFile[], options: ImportOptions): string {
  return createHash('sha256')
    .update(stableJson({ format, fingerprints: sources.map((s) => s.fingerprint), options }))
    .digest('hex');
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

export async function describeColumns(connection: DuckDBConnection, source: string): Promise<ColumnInfo[]> {
  const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
  return reader.getRowObjectsJS().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
}

async function scalar(connection: DuckDBConnection, sql: string): Promise<number> {
  const reader = await connection.runAndReadAll(sql);
  return Number(reader.getRowsJS()[0]?.[0] ?? 0);
}

export interface Staging {
  /** A table expression with the final rows. */
  source: string;
  options: ImportOptions;
  header: boolean;
  rejectsTable: string | null;
  cleanup: () => void;
}

/**
 * Make the rows readable as one table expression: a DuckDB reader for CSV, Parquet and
 * JSON; a temporary table for Arrow and Excel. `limit` bounds staging for previews.
 */
export async function stage(
  connection: DuckDBConnection,
  format: FileFormat,
  files: ResolvedFile[],
  options: ImportOptions,
  signal: AbortSignal,
  onRows: (rows: number) => void,
  limit?: number,
): Promise<Staging> {
  const rejectsTable = options.skipBadRows && format === 'csv' ? newId('rejects_') : null;
  if (format === 'arrow') {
    const tables: string[] = [];
    let total = 0;
    for (const f of files) {
      const table = newId('arrow_');
      total += await stageArrowFile(connection, f.path, table, signal, (n) => onRows(total + n), limit);
      tables.push(`temp.${quoteIdentifier(table)}`);
    }
    const union =
      tables.length === 1
        ? tables[0]!
        : `(${tables.map((t) => `SELECT * FROM ${t}`).join(' UNION ALL BY NAME ')})`;
    return {
      source: stagedSource(union, options.columnTypes),
      options: { ...options, format },
      header: true,
      rejectsTable: null,
      cleanup: () => undefined,
    };
  }
  if (format === 'excel') {
    const staged: StagedExcel[] = [];
    for (const f of files) staged.push(await excelToNdjson(f.path, options.sheet, signal, onRows, limit));
    const cleanup = () =>
      staged.forEach((s) => fs.rmSync(path.dirname(s.ndjsonFile), { recursive: true, force: true }));
    const table = newId('excel_');
    try {
      if (staged.every((s) => s.rows === 0)) {
        // read_json cannot type an empty file: a header-only sheet is an empty table of text columns.
        await connection.run(
          `CREATE TEMP TABLE ${quoteIdentifier(table)} (${staged[0]!.columns.map((c) => `${quoteIdentifier(c)} VARCHAR`).join(', ')})`,
        );
      } else {
        const list = sqlLiteral(staged.filter((s) => s.rows > 0).map((s) => s.ndjsonFile));
        await connection.run(
          `CREATE TEMP TABLE ${quoteIdentifier(table)} AS SELECT * FROM read_json(${list}, format='newline_delimited', union_by_name=true)`,
        );
      }
    } finally {
      cleanup();
    }
    return {
      source: stagedSource(`temp.${quoteIdentifier(table)}`, options.columnTypes),
      options: { ...options, format, sheet: staged[0]!.sheet },
      header: true,
      rejectsTable: null,
      cleanup: () => undefined,
    };
  }
  const plan = await readerPlan(connection, format, files, options, rejectsTable);
  return {
    source: plan.source,
    options: plan.options,
    header: plan.options.header ?? true,
    rejectsTable,
    cleanup: () => undefined,
  };
}

export interface ImportDeps {
  connect(): Promise<DuckDBConnection>;
  release(connection: DuckDBConnection): void;
}

export async function runImport(
  ctx: JobContext,
  deps: ImportDeps,
  request: ImportRequest,
): Promise<ImportOutcome> {
  const options = request.options ?? {};
  const connection = await deps.connect();
  const interrupt = () => connection.interrupt();
  ctx.signal.addEventListener('abort', interrupt);
  let inTransaction = false;
  let poll: NodeJS.Timeout | null = null;
  let staging: Staging | null = null;
  try {
    await connection.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false');
    ctx.progress({ stage: 'Checking files' });
    const files = await resolveFiles(connection, request.paths);
    const format = options.format ?? (await detectFormat(files[0]!));
    for (const f of files) {
      if (format === 'csv' || format === 'json' || format === 'ndjson')
        await assertLooksLikeText(f, format, options.encoding);
    }
    const totalBytes = files.reduce((n, f) => n + f.sizeBytes, 0);
    const name = request.name?.trim() || datasetNameFromFile(files[0]!.path);
    const requestedKeyOptions = { ...options, format };

    // A re-import of the same files: hash first and return the existing version if it matches.
    const existing = await findDataset(connection, name);
    if (existing) {
      const earlier = await importLineages(connection, existing.id);
      const sameShape = earlier.some(
        (l) =>
          l.kind === 'import' &&
          l.sources.length === files.length &&
          l.sources.every((s, i) => s.path === files[i]!.path && s.sizeBytes === files[i]!.sizeBytes),
      );
      if (sameShape) {
        ctx.progress({ stage: 'Fingerprinting files', done: 0, total: totalBytes });
        let hashed = 0;
        const sources = await startHashing(files, ctx.signal, (n) => ctx.progress({ done: (hashed += n) }))
          .done;
        const found = await findBySourceKey(
          connection,
          existing.id,
          sourceKey(format, sources, requestedKeyOptions),
        );
        if (found) {
          ctx.finalStage(`Unchanged since version ${found.number}; kept it`);
          return { version: found, unchanged: true, renamedColumns: [] };
        }
      }
    }

    const hashing = startHashing(files, ctx.signal, () => undefined);
    const started = Date.now();
    ctx.progress({
      stage: `Reading ${files.length === 1 ? path.basename(files[0]!.path) : `${files.length} files`}`,
      done: 0,
      total: totalBytes,
    });
    // Staging (sniffing, temporary tables of this connection) happens before the
    // transaction: a failed sniff would abort it, and temporary tables vanish with the connection.
    staging = await stage(connection, format, files, options, ctx.signal, (rows) =>
      ctx.progress({ stage: `Reading rows (${formatCount(rows)})` }),
    );
    ctx.throwIfCancelled();
    await connection.run('BEGIN TRANSACTION');
    inTransaction = true;
    const versionId = newId('v');
    const table = versionTable(versionId);
    poll = setInterval(() => {
      const p = connection.progress;
      if (p.percentage >= 0)
        ctx.progress({ done: Math.round((p.percentage / 100) * totalBytes), total: totalBytes });
    }, 200);
    try {
      await connection.run(`CREATE TABLE ${table} AS SELECT * FROM ${staging.source}`);
    } catch (error) {
      if (isInterrupt(error) || ctx.signal.aborted) throw cancelled();
      // A damaged gzip confuses the reader; the integrity check has the real reason.
      const damaged = await hashing.done.then(
        () => null,
        (e: unknown) => (e instanceof ApiError ? e : null),
      );
      if (damaged) throw damaged;
      const described = describeReadError(
        error,
        files.map((f) => f.path),
        staging.header,
      );
      if (
        format === 'csv' &&
        /could not be read as CSV/.test(described.message) &&
        staging.options.delimiter
      ) {
        for (const f of files) {
          const ragged = await firstRaggedLine(f, staging.options.delimiter);
          if (ragged) {
            throw new ApiError(
              'INVALID_INPUT',
              `Line ${formatCount(ragged.line)} of ${path.basename(f.path)} has ${ragged.fields} fields where the header has ${ragged.expected}; fix the file or skip bad rows.`,
            );
          }
        }
      }
      throw described;
    } finally {
      clearInterval(poll);
      poll = null;
    }
    ctx.throwIfCancelled();
    ctx.progress({ stage: 'Recording the version', done: totalBytes, total: totalBytes });
    const columns = await describeColumns(connection, table);
    if (columns.length === 0) {
      throw new ApiError(
        'INVALID_INPUT',
        `${path.basename(files[0]!.path)} has no columns; there is nothing to import.`,
      );
    }
    const rows = await scalar(connection, `SELECT count(*) FROM ${table}`);
    let rejectedRows = 0;
    if (staging.rejectsTable) {
      const rejects = quoteIdentifier(staging.rejectsTable);
      const scans = quoteIdentifier(`${staging.rejectsTable}_scan`);
      await connection.run(
        `INSERT INTO assay.dataset_rejects
           SELECT ${sqlLiteral(versionId)}, s.file_path, e.line, e.column_name, e.error_type, e.csv_line, e.error_message
             FROM temp.${rejects} e LEFT JOIN temp.${scans} s USING (scan_id, file_id)`,
      );
      rejectedRows = await scalar(connection, `SELECT count(DISTINCT (file_id, line)) FROM temp.${rejects}`);
    }
    const sources = await hashing.done.catch((error: unknown) => {
      throw error instanceof ApiError
        ? error
        : describeReadError(
            error,
            files.map((f) => f.path),
            true,
          );
    });
    ctx.throwIfCancelled();
    const { number } = await addVersion(connection, {
      id: versionId,
      dataset: name,
      rows,
      columns,
      lineage: {
        kind: 'import',
        format,
        sources,
        options: staging.options,
        durationMs: Date.now() - started,
      },
      sourceKey: sourceKey(format, sources, requestedKeyOptions),
      rejectedRows,
    });
    ctx.throwIfCancelled();
    await connection.run('COMMIT');
    inTransaction = false;
    const version = await getVersion(connection, versionId);
    const renamedColumns = renamedDuplicates(columns);
    const notes = [
      `Imported ${formatCount(rows)} rows as version ${number}`,
      rejectedRows ? `skipped ${formatCount(rejectedRows)} bad rows` : '',
      renamedColumns.length ? `renamed repeated columns: ${renamedColumns.join(', ')}` : '',
    ].filter(Boolean);
    ctx.finalStage(notes.join('; '));
    return { version, unchanged: false, renamedColumns };
  } catch (error) {
    if (inTransaction) await connection.run('ROLLBACK').catch(() => undefined);
    if (ctx.signal.aborted || isInterrupt(error)) throw cancelled();
    throw error;
  } finally {
    if (poll) clearInterval(poll);
    staging?.cleanup();
    ctx.signal.removeEventListener('abort', interrupt);
    deps.release(connection);
  }
}

function cancelled(): Error {
  const error = new Error('The import was cancelled.');
  error.name = 'AbortError';
  return error;
}
