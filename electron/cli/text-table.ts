/**
 * Plain-text tables for people reading the terminal: columns as wide as their widest
 * cell (optionally capped), two spaces apart, each aligned left or right.
 */

export interface TableOptions {
  /** How column `index` of `count` is aligned; left by default. */
  align?: (index: number, count: number) => 'left' | 'right';
  /** Put before every line, e.g. two spaces under a heading. */
  indent?: string;
  /** Cells longer than this are cut. */
  maxWidth?: number;
}

/** The header line followed by one line per row. */
export function tableLines(header: string[], rows: string[][], options: TableOptions = {}): string[] {
  const { align = () => 'left', indent = '', maxWidth = Infinity } = options;
  const widths = header.map((h, i) =>
    Math.min(maxWidth, Math.max(h.length, ...rows.map((r) => r[i]!.length))),
  );
  const line = (cells: string[]) =>
    `${indent}${cells
      .map((cell, i) => {
        const text = cell.slice(0, maxWidth);
        return align(i, cells.length) === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
      })
      .join('  ')
      .trimEnd()}`;
  return [line(header), ...rows.map(line)];
}
