/**
 * Makes the rows of the files to import readable as one table expression: a DuckDB
 * reader for CSV, Parquet and JSON; a temporary table for Arrow and Excel, which DuckDB
 * does not read itself. Previews use the same path with a row limit, so a preview is
 * typed exactly as the import will be.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnInfo, FileFormat, ImportOptions } from '../../../shared/datasets';
import { quoteIdentifier, sqlLiteral } from '../db/sql-text';
import { stageArrowFile } from './arrow-source';
import { newId } from './dataset-store';
import { excelToNdjson, type StagedExcel } from './excel-source';
import { readerPlan, stagedSource } from './reader-sql';
import type { ResolvedFile } from './source-files';

export interface Staging {
  /** A table expression with the final rows. */
  source: string;
  options: ImportOptions;
  header: boolean;
  rejectsTable: string | null;
  cleanup: () => void;
}

export async function describeColumns(connection: DuckDBConnection, source: string): Promise<ColumnInfo[]> {
  const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
  return reader.getRowObjectsJS().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
}

/** Stage `files` of `format`; `limit` bounds staging for previews. */
export async function stage(
  connection: DuckDBConnection,
  format: FileFormat,
  files: ResolvedFile[],
  options: ImportOptions,
  signal: AbortSignal,
  onRows: (rows: number) => void,
  limit?: number,
): Promise<Staging> {
  if (format === 'arrow') return stageArrow(connection, files, options, signal, onRows, limit);
  if (format === 'excel') return stageExcel(connection, files, options, signal, onRows, limit);
  const rejectsTable = options.skipBadRows && format === 'csv' ? newId('rejects_') : null;
  const plan = await readerPlan(connection, format, files, options, rejectsTable);
  return {
    source: plan.source,
    options: plan.options,
    header: plan.options.header ?? true,
    rejectsTable,
    cleanup: () => undefined,
  };
}

async function stageArrow(
  connection: DuckDBConnection,
  files: ResolvedFile[],
  options: ImportOptions,
  signal: AbortSignal,
  onRows: (rows: number) => void,
  limit?: number,
): Promise<Staging> {
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
    options: { ...options, format: 'arrow' },
    header: true,
    rejectsTable: null,
    cleanup: () => undefined,
  };
}

async function stageExcel(
  connection: DuckDBConnection,
  files: ResolvedFile[],
  options: ImportOptions,
  signal: AbortSignal,
  onRows: (rows: number) => void,
  limit?: number,
): Promise<Staging> {
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
    options: { ...options, format: 'excel', sheet: staged[0]!.sheet },
    header: true,
    rejectsTable: null,
    cleanup: () => undefined,
  };
}
