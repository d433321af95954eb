/**
 * Rows cross the process boundary as Arrow IPC so the grid gets real types:
 * BIGINT stays a 64-bit integer, DATE and TIMESTAMP stay temporal (timestamps keep their
 * microseconds: they are built from DuckDB's raw integers, not from JS Dates), and NULL
 * stays distinct from ''. Types Arrow JS handles poorly (DECIMAL, HUGEINT, INTERVAL,
 * UUID, nested values) are sent as what people read: DECIMAL as Float64, the rest as
 * their DuckDB text. Each field carries its DuckDB type name in the metadata key
 * `duckdb_type`, so the UI can show the type people set even where Arrow's differs.
 */
import {
  DuckDBTypeId,
  type DuckDBDateValue,
  type DuckDBDecimalValue,
  type DuckDBResultReader,
  type DuckDBTimestampMillisecondsValue,
  type DuckDBTimestampNanosecondsValue,
  type DuckDBTimestampSecondsValue,
  type DuckDBTimestampTZValue,
  type DuckDBTimestampValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import {
  Bool,
  DateDay,
  Field,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  RecordBatch,
  Schema,
  Table,
  Timestamp,
  TimeUnit,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow';

const DAY_MS = 86_400_000;

function nullBitmap(values: readonly unknown[]): { bitmap: Uint8Array; nullCount: number } {
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === null || v === undefined) nullCount += 1;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  });
  return { bitmap, nullCount };
}

function bigintVector(type: DataType, values: ReadonlyArray<bigint | null>): Vector {
  const { bitmap, nullCount } = nullBitmap(values);
  const signed = new BigInt64Array(values.length);
  values.forEach((v, i) => {
    if (v !== null) signed[i] = BigInt.asIntN(64, v);
  });
  const data = type instanceof Uint64 ? new BigUint64Array(signed.buffer) : signed;
  // makeData's overloads are keyed by concrete types; the bitmap and values are built to match.
  return makeVector(makeData({ type, length: values.length, nullCount, nullBitmap: bitmap, data } as never));
}

interface Encoded {
  type: DataType;
  vector: Vector;
}

function encodeColumn(typeId: DuckDBTypeId, values: readonly DuckDBValue[]): Encoded {
  const plain = <T>(type: DataType, map: (v: DuckDBValue) => T): Encoded => ({
    type,
    vector: vectorFromArray(
      values.map((v) => (v === null ? null : map(v))),
      type,
    ),
  });
  switch (typeId) {
    case DuckDBTypeId.BOOLEAN:
      return plain(new Bool(), (v) => v as boolean);
    case DuckDBTypeId.TINYINT:
      return plain(new Int8(), (v) => v as number);
    case DuckDBTypeId.SMALLINT:
      return plain(new Int16(), (v) => v as number);
    case DuckDBTypeId.INTEGER:
      return plain(new Int32(), (v) => v as number);
    case DuckDBTypeId.UTINYINT:
      return plain(new Uint8(), (v) => v as number);
    case DuckDBTypeId.USMALLINT:
      return plain(new Uint16(), (v) => v as number);
    case DuckDBTypeId.UINTEGER:
      return plain(new Uint32(), (v) => v as number);
    case DuckDBTypeId.BIGINT: {
      const type = new Int64();
      return { type, vector: bigintVector(type, values as Array<bigint | null>) };
    }
    case DuckDBTypeId.UBIGINT: {
      const type = new Uint64();
      return { type, vector: bigintVector(type, values as Array<bigint | null>) };
    }
    case DuckDBTypeId.FLOAT:
      return plain(new Float32(), (v) => v as number);
    case DuckDBTypeId.DOUBLE:
      return plain(new Float64(), (v) => v as number);
    case DuckDBTypeId.DECIMAL:
      return plain(new Float64(), (v) => (v as DuckDBDecimalValue).toDouble());
    case DuckDBTypeId.DATE:
      return plain(new DateDay(), (v) => clampDays((v as DuckDBDateValue).days) * DAY_MS);
    case DuckDBTypeId.TIMESTAMP:
      return timestamps(TimeUnit.MICROSECOND, null, values, (v) => (v as DuckDBTimestampValue).micros);
    case DuckDBTypeId.TIMESTAMP_TZ:
      return timestamps(TimeUnit.MICROSECOND, 'UTC', values, (v) => (v as DuckDBTimestampTZValue).micros);
    case DuckDBTypeId.TIMESTAMP_MS:
      return timestamps(
        TimeUnit.MILLISECOND,
        null,
        values,
        (v) => (v as DuckDBTimestampMillisecondsValue).millis,
      );
    case DuckDBTypeId.TIMESTAMP_S:
      return timestamps(TimeUnit.SECOND, null, values, (v) => (v as DuckDBTimestampSecondsValue).seconds);
    case DuckDBTypeId.TIMESTAMP_NS:
      return timestamps(
        TimeUnit.NANOSECOND,
        null,
        values,
        (v) => (v as DuckDBTimestampNanosecondsValue).nanos,
      );
    case DuckDBTypeId.VARCHAR:
      return plain(new Utf8(), (v) => v as string);
    default:
      return plain(new Utf8(), (v) => String(v));
  }
}

/** DuckDB's ±infinity dates are sentinel day counts; keep them inside Int32 days. */
function clampDays(days: number): number {
  return Math.max(-100_000_000, Math.min(100_000_000, days));
}

function timestamps(
  unit: TimeUnit,
  timezone: string | null,
  values: readonly DuckDBValue[],
  raw: (v: DuckDBValue) => bigint,
): Encoded {
  const type = new Timestamp(unit, timezone);
  return {
    type,
    vector: bigintVector(
      type,
      values.map((v) => (v === null ? null : raw(v))),
    ),
  };
}

export interface ColumnData {
  name: string;
  /** DuckDB's type name, kept in the field metadata. */
  duckdbType: string;
  typeId: DuckDBTypeId;
  values: readonly DuckDBValue[];
}

/** Arrow IPC stream bytes for columns of DuckDB values. */
export function encodeColumns(columns: readonly ColumnData[]): Uint8Array {
  const fields: Field[] = [];
  const vectors: Record<string, Vector> = {};
  const names = dedupe(columns.map((c) => c.name));
  columns.forEach((column, i) => {
    const { type, vector } = encodeColumn(column.typeId, column.values);
    fields.push(new Field(names[i]!, type, true, new Map([['duckdb_type', column.duckdbType]])));
    vectors[names[i]!] = vector;
  });
  if (columns.length === 0) return tableToIPC(new Table(new Schema([])), 'stream');
  const table = new Table(vectors);
  const schema = new Schema(fields);
  const batches = table.batches.map((b) => new RecordBatch(schema, b.data));
  return tableToIPC(new Table(schema, batches), 'stream');
}

/** Arrow needs unique field names to build a table; SQL results need not have them. */
function dedupe(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    return count === 0 ? name : `${name}_${count}`;
  });
}

/** Encode what a result reader has read, at most `maxRows` rows. */
export function encodeReader(reader: DuckDBResultReader, maxRows = Infinity): Uint8Array {
  const values = reader.getColumns();
  return encodeColumns(
    reader.columnNames().map((name, i) => ({
      name,
      duckdbType: reader.columnType(i).toString(),
      typeId: reader.columnTypeId(i),
      values: (values[i] ?? []).slice(0, maxRows === Infinity ? undefined : maxRows),
    })),
  );
}
