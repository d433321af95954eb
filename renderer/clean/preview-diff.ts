/**
 * The diff overlay's model: the preview's rows after the recipe set against the same
 * source rows before it (matched by `__assay_row`), as the columns to draw (kept, added,
 * or removed and struck through) and, per cell, whether its value changed.
 */
import type { CleanPreview } from '../../shared/clean/clean-api';
import { decodePage, formatCell, type CellValue, type DecodedPage } from '../datasets/arrow-page';

export const ROW_KEY = '__assay_row';

export type ColumnState = 'kept' | 'added' | 'removed';

export interface DiffColumn {
  name: string;
  type: string;
  state: ColumnState;
  /** Cells of this column whose value changed, among the rows shown. */
  changed: number;
}

export interface DiffCell {
  text: string;
  isNull: boolean;
  changed: boolean;
  /** The value before, when it changed. */
  before?: string;
}

export interface DiffRow {
  /** The source row number, when rows map to the source. */
  source: number | null;
  cells: DiffCell[];
}

export interface PreviewDiff {
  columns: DiffColumn[];
  rows: DiffRow[];
  changedCells: number;
}

function decode(bytes: Uint8Array | null): DecodedPage | null {
  if (!bytes || bytes.length === 0) return null;
  return decodePage(bytes);
}

const cell = (value: CellValue | undefined, type: string): DiffCell => ({
  text: value === undefined || value === null ? '' : formatCell(value, type),
  isNull: value === undefined || value === null,
  changed: false,
});

export function previewDiff(preview: CleanPreview): PreviewDiff {
  const after = decode(preview.page) ?? { columns: [], rows: [] };
  const before = decode(preview.before);
  const typeOf = new Map(preview.columns.map((c) => [c.name, c.type]));
  const afterKey = after.columns.findIndex((c) => c.name === ROW_KEY);
  const beforeKey = before ? before.columns.findIndex((c) => c.name === ROW_KEY) : -1;
  const beforeIndex = new Map<string, number>();
  before?.columns.forEach((c, i) => beforeIndex.set(c.name, i));
  const beforeRows = new Map<string, CellValue[]>();
  if (before && beforeKey >= 0) for (const row of before.rows) beforeRows.set(String(row[beforeKey]), row);

  const shown = after.columns
    .map((c, i) => ({ ...c, at: i }))
    .filter((c) => c.name !== ROW_KEY)
    .map((c) => ({
      at: c.at,
      beforeAt: beforeIndex.get(c.name),
      column: {
        name: c.name,
        type: typeOf.get(c.name) ?? c.arrowType,
        state: (before && !beforeIndex.has(c.name) ? 'added' : 'kept') as ColumnState,
        changed: 0,
      },
    }));
  const afterNames = new Set(after.columns.map((c) => c.name));
  const removed = (before?.columns ?? [])
    .map((c, i) => ({ ...c, at: i }))
    .filter((c) => c.name !== ROW_KEY && !afterNames.has(c.name));

  let changedCells = 0;
  const rows = after.rows.map((row): DiffRow => {
    const source = afterKey >= 0 ? row[afterKey] : null;
    const old = source === null || source === undefined ? undefined : beforeRows.get(String(source));
    const cells = shown.map(({ at, beforeAt, column }) => {
      const now = cell(row[at], column.type);
      if (old && beforeAt !== undefined) {
        const was = cell(old[beforeAt], column.type);
        if (was.text !== now.text || was.isNull !== now.isNull) {
          now.changed = true;
          now.before = was.isNull ? 'NULL' : was.text;
          column.changed += 1;
          changedCells += 1;
        }
      }
      return now;
    });
    for (const r of removed) cells.push(cell(old?.[r.at], r.arrowType));
    return { source: source === null || source === undefined ? null : Number(source), cells };
  });
  const columns = [
    ...shown.map((s) => s.column),
    ...removed.map((r): DiffColumn => ({ name: r.name, type: r.arrowType, state: 'removed', changed: 0 })),
  ];
  return { columns, rows, changedCells };
}
