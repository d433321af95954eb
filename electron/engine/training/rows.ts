/**
 * Row selection on column-major data: gathering a subset of rows from every column
 * (a fold, a holdout) without building per-row objects.
 */
import type { Column } from './types';

export function columnLength(col: Column): number {
  return col.kind === 'categorical' ? col.codes.length : col.values.length;
}

function takeRows(col: Column, rows: Uint32Array): Column {
  if (col.kind === 'categorical') {
    const codes = new Int32Array(rows.length);
    for (let k = 0; k < rows.length; k++) codes[k] = col.codes[rows[k]];
    return { name: col.name, kind: col.kind, codes, dictionary: col.dictionary };
  }
  const values = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) values[k] = col.values[rows[k]];
  return { name: col.name, kind: col.kind, values } as Column;
}

export function takeAll(columns: Column[], rows: Uint32Array): Column[] {
  return columns.map((c) => takeRows(c, rows));
}

export function takeValues(v: Float64Array, rows: Uint32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = v[rows[k]];
  return out;
}
