/**
 * How big a heatmap's cells are and how a cell's value is written. Cells grow while the
 * matrix is small so the values fit inside them; large matrices keep small cells and show
 * values in the tooltip instead.
 */

/** Room for the column names above and the row names to the left. */
export const LABEL_SPACE = 120;

/** Cells at least this wide carry their value as text. */
const VALUE_CELL = 34;

export function cellSize(rows: number, columns: number): number {
  const n = Math.max(rows, columns, 1);
  if (n <= 12) return 42;
  if (n <= 20) return VALUE_CELL;
  return Math.max(14, Math.min(26, Math.floor(720 / n)));
}

export function showsValues(cell: number): boolean {
  return cell >= VALUE_CELL;
}

/** Two decimals with a real minus sign; "—" for an undefined cell. */
export function formatCell(value: number | null, digits = 2): string {
  if (value === null || Number.isNaN(value)) return '—';
  const text = value.toFixed(digits);
  // A tiny negative rounds to "-0.00"; it reads as no correlation, so drop the sign.
  if (Number(text) === 0) return (0).toFixed(digits);
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

/** Names longer than this are cut in the axis labels (the tooltip has them whole). */
export function shortName(name: string): string {
  return name.length > 16 ? `${name.slice(0, 15)}…` : name;
}
