/**
 * Turns an Arrow IPC page from the engine into rows the grid can draw, keeping what JSON
 * would lose: BIGINT stays exact (bigint), dates and timestamps stay dates, NULL stays
 * distinct from the empty string.
 */
import { DataType, tableFromIPC, type Field } from 'apache-arrow';

export type CellValue = string | number | bigint | boolean | Date | null | Uint8Array | object;

export interface DecodedPage {
  columns: Array<{ name: string; arrowType: string }>;
  rows: CellValue[][];
}

export function decodePage(bytes: Uint8Array): DecodedPage {
  const table = tableFromIPC(bytes);
  const fields = table.schema.fields;
  const vectors = fields.map((_f, i) => table.getChildAt(i));
  const rows: CellValue[][] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r += 1) {
    const row: CellValue[] = new Array(fields.length);
    for (let c = 0; c < fields.length; c += 1)
      row[c] = normalise(vectors[c]?.get(r) as CellValue, fields[c]!);
    rows[r] = row;
  }
  return { columns: fields.map((f) => ({ name: f.name, arrowType: String(f.type) })), rows };
}

function normalise(value: CellValue | undefined, field: Field): CellValue {
  if (value === undefined || value === null) return null;
  if ((DataType.isDate(field.type) || DataType.isTimestamp(field.type)) && typeof value === 'number') {
    return new Date(value);
  }
  return value;
}

/** How a cell reads in the grid; `null` is drawn by the grid itself, distinct from ''. */
export function formatCell(value: CellValue, duckdbType?: string): string {
  if (value === null) return '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return 'Invalid date';
    const iso = value.toISOString();
    return duckdbType === 'DATE' ? iso.slice(0, 10) : iso.replace('T', ' ').replace(/\.000Z$|Z$/, '');
  }
  // Cells show values as they are stored, without thousands separators: ids and years
  // must read as 4469 and 2012. Floats drop binary noise (0.1 + 0.2) but keep 12 digits.
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (typeof value === 'object')
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return value;
}

/** The exact text copied to the clipboard: full precision, ISO dates, NULL as empty. */
export function copyText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && !(value instanceof Uint8Array)) return formatCell(value);
  return String(value);
}

export function isNumericType(type: string): boolean {
  return /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL|REAL)/i.test(
    type,
  );
}
