/**
 * DuckDB type names sorted into families (integer, float, decimal, text, boolean,
 * temporal), with the aliases DuckDB accepts, so profiling and the cleaning operations
 * classify a column the same way.
 */
export type TypeFamily = 'integer' | 'float' | 'decimal' | 'text' | 'boolean' | 'temporal' | 'other';

const INTEGER_TYPES = new Set(
  [
    'TINYINT',
    'SMALLINT',
    'INTEGER',
    'BIGINT',
    'HUGEINT',
    'UTINYINT',
    'USMALLINT',
    'UINTEGER',
    'UBIGINT',
  ].concat(['UHUGEINT', 'INT', 'INT1', 'INT2', 'INT4', 'INT8', 'SHORT', 'LONG', 'SIGNED']),
);
const FLOAT_TYPES = new Set(['FLOAT', 'DOUBLE', 'REAL', 'FLOAT4', 'FLOAT8']);
const TEXT_TYPES = new Set(['VARCHAR', 'TEXT', 'STRING', 'CHAR', 'BPCHAR']);
const TEMPORAL_TYPES = new Set(
  ['DATE', 'TIME', 'TIMESTAMP', 'DATETIME', 'TIMESTAMPTZ', 'TIMESTAMP WITH TIME ZONE', 'INTERVAL'].concat([
    'TIMESTAMP_S',
    'TIMESTAMP_MS',
    'TIMESTAMP_NS',
    'TIMETZ',
    'TIME WITH TIME ZONE',
  ]),
);

export function typeFamily(type: string): TypeFamily {
  const base = type
    .trim()
    .toUpperCase()
    .replace(/\s*\(.*\)$/, '');
  if (INTEGER_TYPES.has(base)) return 'integer';
  if (FLOAT_TYPES.has(base)) return 'float';
  if (base === 'DECIMAL' || base === 'NUMERIC') return 'decimal';
  if (TEXT_TYPES.has(base)) return 'text';
  if (base === 'BOOLEAN' || base === 'BOOL' || base === 'LOGICAL') return 'boolean';
  if (TEMPORAL_TYPES.has(base)) return 'temporal';
  return 'other';
}

export function isNumericType(type: string): boolean {
  const family = typeFamily(type);
  return family === 'integer' || family === 'float' || family === 'decimal';
}
