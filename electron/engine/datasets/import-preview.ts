/**
 * The import dialog's preview: the first rows of the first file exactly as they will be
 * typed. A ragged CSV (rows with too few or too many fields) does not fail the preview:
 * it shows what "Skip bad rows" would import and names the first bad line, so the person
 * can choose that option in the dialog instead of meeting a dead end.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import path from 'node:path';
import type { FileFormat, ImportOptions, ImportPreview } from '../../../shared/datasets';
import { ApiError } from '../../../shared/errors';
import { formatCount } from '../../../shared/format';
import { quoteIdentifier } from '../db/sql-text';
import { encodeReader } from './arrow-page';
import { describeReadError } from './import-errors';
import { describeColumns, stage, type Staging } from './import-staging';
import { assertLooksLikeText, detectFormat, resolveFiles, type ResolvedFile } from './source-files';

const PREVIEW_ROWS = 100;
/** How far a lenient preview reads to find the first bad line (the sniffer's sample is smaller). */
const BAD_LINE_SCAN_ROWS = 100_000;

export async function previewImport(
  connection: DuckDBConnection,
  paths: string[],
  options: ImportOptions,
): Promise<ImportPreview> {
  const files = await resolveFiles(connection, paths);
  const format = options.format ?? (await detectFormat(files[0]!));
  for (const f of files) {
    if (format === 'csv' || format === 'json' || format === 'ndjson')
      await assertLooksLikeText(f, format, options.encoding);
  }
  try {
    return await readPreview(connection, format, files, options);
  } catch (error) {
    if (format !== 'csv' || options.skipBadRows || !(error instanceof ApiError)) throw error;
    if (error.code !== 'INVALID_INPUT') throw error;
    const lenient = await readPreview(connection, format, files, { ...options, skipBadRows: true }).catch(
      () => null,
    );
    if (!lenient) throw error;
    // The options stay the person's: ticking "Skip bad rows" is their choice.
    const { skipBadRows: _skip, ...sniffed } = lenient.options;
    return {
      ...lenient,
      options: sniffed,
      badRows: lenient.badRows ?? { line: null, message: error.message },
    };
  }
}

async function readPreview(
  connection: DuckDBConnection,
  format: FileFormat,
  files: ResolvedFile[],
  options: ImportOptions,
): Promise<ImportPreview> {
  const controller = new AbortController();
  const first = files.slice(0, 1);
  const staged = await stage(
    connection,
    format,
    first,
    options,
    controller.signal,
    () => undefined,
    PREVIEW_ROWS,
  );
  try {
    const columns = await describeColumns(connection, staged.source);
    const reader = await connection.runAndReadAll(`SELECT * FROM ${staged.source} LIMIT ${PREVIEW_ROWS}`);
    const badRows = staged.rejectsTable ? await firstBadLine(connection, staged, files[0]!) : undefined;
    return {
      format,
      options: staged.options,
      columns,
      page: encodeReader(reader),
      totalBytes: files.reduce((n, f) => n + f.sizeBytes, 0),
      files: files.map((f) => f.path),
      ...(badRows ? { badRows } : {}),
    };
  } catch (error) {
    throw describeReadError(
      error,
      files.map((f) => f.path),
      staged.header,
    );
  } finally {
    staged.cleanup();
    if (staged.rejectsTable) await dropRejects(connection, staged.rejectsTable);
  }
}

/** Read a bounded sample leniently and report the first line DuckDB set aside. */
async function firstBadLine(
  connection: DuckDBConnection,
  staged: Staging,
  file: ResolvedFile,
): Promise<ImportPreview['badRows']> {
  await connection.run(`SELECT count(*) FROM (SELECT * FROM ${staged.source} LIMIT ${BAD_LINE_SCAN_ROWS})`);
  const reader = await connection.runAndReadAll(
    `SELECT line, error_message FROM temp.${quoteIdentifier(staged.rejectsTable!)} ORDER BY line LIMIT 1`,
  );
  const row = reader.getRowObjectsJS()[0];
  if (!row) return undefined;
  const line = Number(row.line);
  const reason = String(row.error_message ?? '')
    .split('\n')[0]!
    .replace(/\.\s*$/, '');
  // DuckDB's words for the common case read as a question of fields, like the import's own sentence.
  const width = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(reason);
  const what = width
    ? `has ${width[2]} fields where the header has ${width[1]}`
    : `does not fit the table (${reason})`;
  return {
    line,
    message: `Line ${formatCount(line)} of ${path.basename(file.path)} ${what}; skip bad rows to import the others, or fix the file.`,
  };
}

async function dropRejects(connection: DuckDBConnection, table: string): Promise<void> {
  for (const t of [table, `${table}_scan`])
    await connection.run(`DROP TABLE IF EXISTS temp.${quoteIdentifier(t)}`).catch(() => undefined);
}
