/**
 * Excel (.xlsx) import with exceljs's streaming reader, so a large workbook is never held
 * in memory. Cells are written to a temporary NDJSON file and read back with DuckDB's
 * `read_json`, which gives Excel data the same type detection (numbers, booleans, dates,
 * timestamps) as every other format instead of a second, home-made inference. The first
 * row is the header; empty header cells become `column<N>` and repeats get `_1`, `_2`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { ApiError } from '../../../shared/errors';

type Cell = string | number | boolean | null;

function cellValue(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('Z', '').replace('T', ' ');
  }
  if (typeof value === 'object') {
    const v = value as {
      result?: unknown;
      richText?: Array<{ text: string }>;
      text?: unknown;
      error?: unknown;
    };
    if ('result' in v) return cellValue(v.result);
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return cellValue(v.text);
    if ('error' in v) return null;
  }
  return String(value);
}

export function uniqueNames(raw: Cell[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((cell, i) => {
    const base = cell === null || String(cell).trim() === '' ? `column${i + 1}` : String(cell).trim();
    const count = seen.get(base.toLowerCase()) ?? 0;
    seen.set(base.toLowerCase(), count + 1);
    return count === 0 ? base : `${base}_${count}`;
  });
}

export interface StagedExcel {
  ndjsonFile: string;
  rows: number;
  columns: string[];
  sheet: string;
}

/** Convert one sheet (by name, default the first) to NDJSON in a temporary folder. */
export async function excelToNdjson(
  file: string,
  sheet: string | undefined,
  signal: AbortSignal,
  onRows: (rows: number) => void,
  limit = Infinity,
): Promise<StagedExcel> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-xlsx-'));
  const ndjsonFile = path.join(dir, 'sheet.ndjson');
  const out = fs.createWriteStream(ndjsonFile);
  const seenSheets: string[] = [];
  let header: string[] | null = null;
  let rows = 0;
  let chosen: string | null = null;
  try {
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      sharedStrings: 'cache',
      styles: 'cache',
      worksheets: 'emit',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    for await (const worksheet of workbook) {
      const name = String((worksheet as unknown as { name?: string }).name ?? '');
      seenSheets.push(name);
      if (chosen !== null || (sheet !== undefined && name !== sheet)) {
        // Read past sheets we skip: exceljs may be caching them in temporary files, and
        // leaving its stream half-read lets that work fail later, outside any job.
        for await (const _row of worksheet) if (signal.aborted) break;
        continue;
      }
      chosen = name;
      for await (const row of worksheet) {
        if (signal.aborted) break;
        if (rows >= limit) continue; // a preview: read on to the end so exceljs finishes cleanly
        const values = (row.values as unknown[]).slice(1).map(cellValue);
        if (!header) {
          header = uniqueNames(values);
          continue;
        }
        const record: Record<string, Cell> = {};
        header.forEach((h, i) => (record[h] = values[i] ?? null));
        if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
        rows += 1;
        if (rows % 5000 === 0) onRows(rows);
      }
    }
  } catch (error) {
    out.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
    if (error instanceof ApiError) throw error;
    throw new ApiError(
      'INVALID_INPUT',
      `${file} is not a readable Excel .xlsx workbook (${error instanceof Error ? error.message : String(error)}); save it as .xlsx or CSV and try again.`,
    );
  }
  out.end();
  await once(out, 'close');
  if (chosen === null || !header) {
    fs.rmSync(dir, { recursive: true, force: true });
    if (chosen === null && sheet !== undefined) {
      throw new ApiError(
        'INVALID_INPUT',
        `${path.basename(file)} has no sheet named "${sheet}"; its sheets are ${seenSheets.map((s) => `"${s}"`).join(', ')}.`,
      );
    }
    throw new ApiError(
      'INVALID_INPUT',
      `The sheet of ${path.basename(file)} is empty; there is nothing to import.`,
    );
  }
  onRows(rows);
  return { ndjsonFile, rows, columns: header, sheet: chosen };
}
