/**
 * Reads a DuckDB table into the engine's column-major `TrainData`, one column at a time:
 * numbers, booleans and datetimes (epoch milliseconds) as Float64Array with NaN for a
 * missing value, text as Int32Array codes into a sorted dictionary computed in SQL.
 * DuckDB does the casting and the dictionary; JavaScript only copies vector items into
 * typed arrays, so a table never becomes one object per row. Rows follow the table's
 * rowid order, so row i of every column is the same row of the table. Columns whose type
 * cannot be a feature (lists, structs, blobs, intervals …) are skipped with a note.
 */
import { randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ApiError } from '../../../shared/errors';
import { formatCount } from '../../../shared/format';
import { quoteIdentifier } from '../db/sql-text';
import type { CategoricalColumn, Column, ColumnKind, TrainData } from './types';

export interface SourceColumn {
  name: string;
  /** DuckDB's type name, e.g. DOUBLE, VARCHAR, TIMESTAMP WITH TIME ZONE, DECIMAL(10,2). */
  type: string;
}

export interface LoadOptions {
  /** Rows whose target is NULL are left out (and counted); the target is loaded as `target`. */
  target?: string;
  /** Feature columns to load; default every column but the target. */
  features?: string[];
  /**
   * Read a column as this kind whatever its DuckDB type (prediction reads columns as the
   * model saw them in training); text that does not convert becomes missing.
   */
  kinds?: Record<string, ColumnKind>;
  signal?: AbortSignal;
  /** Called after each column with the number read so far. */
  onColumn?: (done: number, total: number, name: string) => void;
}

export interface LoadedTable {
  columns: Column[];
  target?: Column;
  /** Rows loaded (after dropping missing targets). */
  rows: number;
  /** Rows left out because the target was missing. */
  droppedRows: number;
  /** Columns not loaded because of their type, with why. */
  skipped: Array<{ name: string; type: string }>;
  /** Sentences for the run's warnings (dropped rows, skipped columns). */
  notes: string[];
}

/** The feature kind a DuckDB type becomes, or null when it cannot be a feature. */
export function kindOfType(type: string): ColumnKind | null {
  const t = type.toUpperCase();
  if (t === 'BOOLEAN') return 'boolean';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(t))
    return 'numeric';
  if (/^(FLOAT|DOUBLE|REAL)$/.test(t) || t.startsWith('DECIMAL')) return 'numeric';
  if (t === 'DATE' || t.startsWith('TIMESTAMP')) return 'datetime';
  if (t === 'VARCHAR' || t.startsWith('ENUM(')) return 'categorical';
  return null;
}

/** The columns of a table expression with their DuckDB types. */
export async function describeTable(connection: DuckDBConnection, table: string): Promise<SourceColumn[]> {
  const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${table}`);
  return reader.getRowObjectsJS().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
}

/**
 * Loads `table` (a qualified table or temp table name that has a rowid) as typed columns.
 * With a target, rows missing it are dropped and counted.
 */
export async function loadTable(
  connection: DuckDBConnection,
  table: string,
  options: LoadOptions = {},
): Promise<LoadedTable> {
  const source = await describeTable(connection, table);
  const byName = new Map(source.map((c) => [c.name, c]));
  const missing = [...(options.target ? [options.target] : []), ...(options.features ?? [])].filter(
    (name) => !byName.has(name),
  );
  if (missing.length > 0) {
    throw new ApiError(
      'INVALID_INPUT',
      `The data has no column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}; its columns are ${source.map((c) => `"${c.name}"`).join(', ')}.`,
    );
  }
  const interrupt = (): void => connection.interrupt();
  options.signal?.addEventListener('abort', interrupt);
  try {
    const where = options.target ? `WHERE t.${quoteIdentifier(options.target)} IS NOT NULL` : '';
    const total = await count(connection, `SELECT count(*) FROM ${table} t`);
    const rows = options.target ? await count(connection, `SELECT count(*) FROM ${table} t ${where}`) : total;
    const wanted = options.features ?? source.map((c) => c.name).filter((n) => n !== options.target);
    const notes: string[] = [];
    const skipped: LoadedTable['skipped'] = [];
    const plan: Array<{ column: SourceColumn; kind: ColumnKind }> = [];
    for (const name of wanted) {
      if (name === options.target) continue;
      const column = byName.get(name) as SourceColumn;
      const kind = options.kinds?.[name] ?? kindOfType(column.type);
      if (kind) plan.push({ column, kind });
      else skipped.push({ name, type: column.type });
    }
    if (skipped.length > 0) {
      notes.push(
        `Left out ${skipped.map((s) => `"${s.name}" (${s.type})`).join(', ')}: ${skipped.length > 1 ? 'these types are' : 'this type is'} not numbers, booleans, dates or text, so ${skipped.length > 1 ? 'they cannot be features' : 'it cannot be a feature'}.`,
      );
    }
    const droppedRows = total - rows;
    if (droppedRows > 0 && options.target) {
      notes.push(
        `${formatCount(droppedRows)} of ${formatCount(total)} rows have no value in "${options.target}" and were left out.`,
      );
    }
    const read = async (column: SourceColumn, kind: ColumnKind): Promise<Column> => {
      const { values, ...counts } = await readColumn(connection, table, where, column, kind, rows);
      notes.push(...valueNotes(column.name, kind, counts));
      return values;
    };
    const columns: Column[] = [];
    let target: Column | undefined;
    const steps = plan.length + (options.target ? 1 : 0);
    if (options.target) {
      const column = byName.get(options.target) as SourceColumn;
      const kind = options.kinds?.[options.target] ?? kindOfType(column.type);
      if (!kind) {
        throw new ApiError(
          'INVALID_INPUT',
          `The target column "${column.name}" has the type ${column.type}, which is neither numbers, booleans, dates nor text; pick another target or change its type.`,
        );
      }
      target = await read(column, kind);
      options.onColumn?.(1, steps, column.name);
    }
    for (const { column, kind } of plan) {
      throwIfAborted(options.signal);
      columns.push(await read(column, kind));
      options.onColumn?.(columns.length + (target ? 1 : 0), steps, column.name);
    }
    return { columns, ...(target ? { target } : {}), rows, droppedRows, skipped, notes };
  } catch (error) {
    if (options.signal?.aborted) throw abortError();
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', interrupt);
  }
}

/** `loadTable` with a target, shaped as the engine's input. */
export async function loadTrainData(
  connection: DuckDBConnection,
  table: string,
  options: LoadOptions & { target: string },
): Promise<LoadedTable & { data: TrainData }> {
  const loaded = await loadTable(connection, table, options);
  return { ...loaded, data: { columns: loaded.columns, target: loaded.target as Column } };
}

/** SQL for one column's values as DOUBLE (numeric, boolean, datetime) or VARCHAR (categorical). */
function valueSql(column: SourceColumn, kind: ColumnKind): string {
  const id = `t.${quoteIdentifier(column.name)}`;
  const native = kindOfType(column.type);
  switch (kind) {
    case 'categorical':
      return `CAST(${id} AS VARCHAR)`;
    case 'datetime':
      if (native === 'datetime') return `CAST(epoch_ms(${id}) AS DOUBLE)`;
      if (native === 'numeric') return `CAST(${id} AS DOUBLE)`;
      return `CAST(epoch_ms(TRY_CAST(${id} AS TIMESTAMP)) AS DOUBLE)`;
    case 'boolean':
      if (native === 'boolean' || native === 'numeric') return `CAST(${id} AS DOUBLE)`;
      return `CAST(TRY_CAST(${id} AS BOOLEAN) AS DOUBLE)`;
    case 'numeric':
      if (native === 'numeric' || native === 'boolean') return `CAST(${id} AS DOUBLE)`;
      if (native === 'datetime') return `CAST(epoch_ms(${id}) AS DOUBLE)`;
      return `TRY_CAST(${id} AS DOUBLE)`;
  }
}

/** What reading one column found besides its values. */
interface ColumnCounts {
  /** Numbers that were ±Infinity or NaN. */
  nonFinite: number;
  /** Values present in the table that did not convert to the kind asked for (text in a numeric column …). */
  unconvertible: number;
  /** One such value, for the sentence. */
  example?: string;
}

async function readColumn(
  connection: DuckDBConnection,
  table: string,
  where: string,
  column: SourceColumn,
  kind: ColumnKind,
  rows: number,
): Promise<ColumnCounts & { values: Column }> {
  if (kind === 'categorical') {
    return {
      values: await readCategorical(connection, table, where, column, rows),
      nonFinite: 0,
      unconvertible: 0,
    };
  }
  const values = new Float64Array(rows);
  const counts: ColumnCounts = { nonFinite: 0, unconvertible: 0 };
  let at = 0;
  // Beside a converted value, the raw one as text: a NULL next to a present raw value is a failed conversion.
  const raw = converts(column, kind) ? `, CAST(t.${quoteIdentifier(column.name)} AS VARCHAR)` : '';
  const result = await connection.stream(
    `SELECT ${valueSql(column, kind)}${raw} FROM ${table} t ${where} ORDER BY t.rowid`,
  );
  for await (const chunk of result) {
    const vector = chunk.getColumnVector(0);
    const rawVector = raw ? chunk.getColumnVector(1) : null;
    const n = chunk.rowCount;
    for (let i = 0; i < n; i++) {
      const v = vector.getItem(i) as number | null;
      // Infinity and NaN cannot be binned or standardised: they are missing, like NULL, and counted.
      if (v === null) {
        const text = rawVector?.getItem(i) as string | null | undefined;
        if (text !== null && text !== undefined && text.trim() !== '') {
          counts.unconvertible++;
          counts.example ??= text;
        }
      } else if (!Number.isFinite(v)) counts.nonFinite++;
      values[at++] = v === null || !Number.isFinite(v) ? NaN : v;
    }
  }
  checkLength(column.name, at, rows);
  return { values: { name: column.name, kind, values } as Column, ...counts };
}

/** Whether reading `column` as `kind` parses text, which can fail per value. */
function converts(column: SourceColumn, kind: ColumnKind): boolean {
  const native = kindOfType(column.type);
  return (
    native !== kind &&
    !(native === 'boolean' && kind === 'numeric') &&
    !(native === 'numeric' && kind !== 'categorical')
  );
}

/** Sentences for values read as missing that were not missing in the table. */
function valueNotes(name: string, kind: ColumnKind, counts: ColumnCounts): string[] {
  const notes: string[] = [];
  if (counts.nonFinite > 0) {
    notes.push(
      `${formatCount(counts.nonFinite)} value${counts.nonFinite > 1 ? 's' : ''} of "${name}" ${counts.nonFinite > 1 ? 'are' : 'is'} infinite or not a number; ${counts.nonFinite > 1 ? 'they are' : 'it is'} treated as missing.`,
    );
  }
  if (counts.unconvertible > 0) {
    const as = kind === 'numeric' ? 'a number' : kind === 'boolean' ? 'true or false' : 'a date';
    notes.push(
      `${formatCount(counts.unconvertible)} value${counts.unconvertible > 1 ? 's' : ''} of "${name}" (such as ${JSON.stringify(counts.example ?? '')}) ${counts.unconvertible > 1 ? 'are' : 'is'} not ${as}; ${counts.unconvertible > 1 ? 'they are' : 'it is'} treated as missing.`,
    );
  }
  return notes;
}

/** Codes index a dictionary sorted by DuckDB; -1 marks a missing value. */
async function readCategorical(
  connection: DuckDBConnection,
  table: string,
  where: string,
  column: SourceColumn,
  rows: number,
): Promise<CategoricalColumn> {
  const dict = quoteIdentifier(`assay_dictionary_${randomBytes(6).toString('hex')}`);
  const value = valueSql(column, 'categorical');
  const filter = `${where ? `${where} AND` : 'WHERE'} ${value} IS NOT NULL`;
  await connection.run(
    `CREATE TEMP TABLE ${dict} AS
       SELECT v, CAST(row_number() OVER (ORDER BY v) - 1 AS INTEGER) AS code
         FROM (SELECT DISTINCT ${value} AS v FROM ${table} t ${filter})`,
  );
  try {
    const dictionary: string[] = [];
    for await (const chunk of await connection.stream(`SELECT v FROM temp.${dict} ORDER BY code`)) {
      const vector = chunk.getColumnVector(0);
      for (let i = 0; i < chunk.rowCount; i++) dictionary.push(String(vector.getItem(i)));
    }
    const codes = new Int32Array(rows);
    let at = 0;
    const result = await connection.stream(
      `SELECT coalesce(d.code, -1) FROM ${table} t LEFT JOIN temp.${dict} d ON d.v = ${value} ${where} ORDER BY t.rowid`,
    );
    for await (const chunk of result) {
      const vector = chunk.getColumnVector(0);
      const n = chunk.rowCount;
      for (let i = 0; i < n; i++) codes[at++] = vector.getItem(i) as number;
    }
    checkLength(column.name, at, rows);
    return { name: column.name, kind: 'categorical', codes, dictionary };
  } finally {
    await connection.run(`DROP TABLE IF EXISTS temp.${dict}`).catch(() => undefined);
  }
}

function checkLength(name: string, got: number, expected: number): void {
  if (got !== expected) {
    throw new ApiError(
      'INTERNAL',
      `Reading the column "${name}" gave ${got} rows where the table has ${expected}; the table changed while it was read.`,
    );
  }
}

async function count(connection: DuckDBConnection, sql: string): Promise<number> {
  const reader = await connection.runAndReadAll(sql);
  return Number(reader.getRowsJS()[0]?.[0] ?? 0);
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError();
}

function abortError(): Error {
  const error = new Error('Loading the data was cancelled.');
  error.name = 'AbortError';
  return error;
}
