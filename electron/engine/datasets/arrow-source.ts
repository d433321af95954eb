/**
 * Arrow IPC / Feather import. DuckDB's arrow extension cannot be installed here, so the
 * file is read with `apache-arrow` one record batch at a time (memory stays at one batch)
 * and appended to a temporary table through DuckDB's appender in 2,048-row data chunks.
 * That is the fastest route open to us: the appender writes DuckDB vectors directly,
 * while the alternatives (INSERT statements, or converting to CSV/JSON and reading it
 * back) parse every value twice. Types map one to one where DuckDB has the same type.
 */
import { createReadStream } from 'node:fs';
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  DuckDBDataChunk,
  FLOAT,
  INTEGER,
  SMALLINT,
  TIMESTAMP,
  TINYINT,
  UBIGINT,
  UINTEGER,
  USMALLINT,
  UTINYINT,
  VARCHAR,
  dateValue,
  timestampValue,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { RecordBatchReader, Type, type DataType, type Field } from 'apache-arrow';
import { ApiError } from '../../../shared/errors';
import { quoteIdentifier } from '../db/sql-text';

const CHUNK_ROWS = 2048;
const DAY_MS = 86_400_000;

interface ColumnMapping {
  duck: DuckDBType;
  convert: (value: unknown) => DuckDBValue;
}

function mapping(type: DataType): ColumnMapping {
  const number = (v: unknown) => Number(v);
  switch (type.typeId) {
    case Type.Bool:
      return { duck: BOOLEAN, convert: (v) => Boolean(v) };
    case Type.Int: {
      const t = type as DataType & { bitWidth: number; isSigned: boolean };
      if (t.bitWidth === 64)
        return { duck: t.isSigned ? BIGINT : UBIGINT, convert: (v) => BigInt(v as bigint) };
      const signed = { 8: TINYINT, 16: SMALLINT, 32: INTEGER } as const;
      const unsigned = { 8: UTINYINT, 16: USMALLINT, 32: UINTEGER } as const;
      const width = t.bitWidth as 8 | 16 | 32;
      return { duck: t.isSigned ? signed[width] : unsigned[width], convert: number };
    }
    case Type.Float: {
      const precision = (type as DataType & { precision: number }).precision;
      return { duck: precision === 2 ? DOUBLE : FLOAT, convert: number };
    }
    case Type.Decimal:
      return { duck: DOUBLE, convert: number };
    case Type.Date:
      return { duck: DATE, convert: (v) => dateValue(Math.floor(Number(v) / DAY_MS)) };
    case Type.Timestamp:
      // Arrow JS hands timestamps over as epoch milliseconds whatever the stored unit.
      return { duck: TIMESTAMP, convert: (v) => timestampValue(BigInt(Math.round(Number(v) * 1000))) };
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Dictionary:
      return { duck: VARCHAR, convert: (v) => String(v) };
    default:
      return {
        duck: VARCHAR,
        convert: (v) =>
          typeof v === 'object'
            ? JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x))
            : String(v),
      };
  }
}

/**
 * Stream `file` into a new temporary table `table` on `connection`; returns the rows
 * read. `onRows` reports progress; `signal` stops between chunks.
 */
export async function stageArrowFile(
  connection: DuckDBConnection,
  file: string,
  table: string,
  signal: AbortSignal,
  onRows: (rows: number) => void,
  limit = Infinity,
): Promise<number> {
  let reader;
  try {
    reader = await RecordBatchReader.from(createReadStream(file));
    await reader.open();
  } catch (error) {
    throw new ApiError(
      'INVALID_INPUT',
      `${file} is not a readable Arrow IPC or Feather (v2) file (${error instanceof Error ? error.message : String(error)}); check the file or choose its real format.`,
    );
  }
  const fields: Field[] = reader.schema.fields;
  const mappings = fields.map((f) => mapping(f.type));
  await connection.run(
    `CREATE TEMP TABLE ${quoteIdentifier(table)} (${fields
      .map((f, i) => `${quoteIdentifier(f.name)} ${mappings[i]!.duck.toString()}`)
      .join(', ')})`,
  );
  const appender = await connection.createAppender(table, 'main', 'temp');
  let rows = 0;
  try {
    for await (const batch of reader) {
      if (signal.aborted || rows >= limit) break;
      const columns = fields.map((_f, i) => batch.getChildAt(i));
      const wanted = Math.min(batch.numRows, limit - rows);
      for (let start = 0; start < wanted; start += CHUNK_ROWS) {
        const length = Math.min(CHUNK_ROWS, wanted - start);
        const chunk = DuckDBDataChunk.create(
          mappings.map((m) => m.duck),
          length,
        );
        chunk.setColumns(
          columns.map((vector, c) => {
            const out: DuckDBValue[] = new Array(length);
            const convert = mappings[c]!.convert;
            for (let r = 0; r < length; r++) {
              const value: unknown = vector?.get(start + r);
              out[r] = value === null || value === undefined ? null : convert(value);
            }
            return out;
          }),
        );
        appender.appendDataChunk(chunk);
        rows += length;
      }
      appender.flushSync();
      onRows(rows);
    }
  } finally {
    appender.closeSync();
  }
  return rows;
}
