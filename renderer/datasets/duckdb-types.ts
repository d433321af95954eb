/** The column types offered when a person sets a type (at import or later). */
export const COMMON_TYPES = [
  'VARCHAR',
  'BIGINT',
  'INTEGER',
  'DOUBLE',
  'DECIMAL(18,3)',
  'BOOLEAN',
  'DATE',
  'TIMESTAMP',
  'TIME',
];
