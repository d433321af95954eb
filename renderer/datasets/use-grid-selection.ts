/**
 * The grid's cell selection (click, Shift+click extends) and copying it as
 * tab-separated text, with a fallback where the clipboard API is refused.
 */
import { useState } from 'react';
import type { ColumnInfo } from '../../shared/datasets';
import { formatCount } from '../shell/format';
import { useToasts } from '../shell/toast-store';
import { copyText } from './arrow-page';
import type { GridData } from './grid-pages';

export interface Cell {
  row: number;
  col: number;
}

interface Selection {
  anchor: Cell;
  focus: Cell;
}

export interface GridSelection {
  isSelected(row: number, col: number): boolean;
  select(cell: Cell, extend: boolean): void;
  focusCol(): number;
  copy(): Promise<void>;
}

export function useGridSelection(
  columns: ColumnInfo[],
  visible: ColumnInfo[],
  data: GridData,
): GridSelection {
  const [selection, setSelection] = useState<Selection | null>(null);

  const copy = async () => {
    if (!selection) return;
    const [r0, r1] = [selection.anchor.row, selection.focus.row].sort((a, b) => a - b) as [number, number];
    const [c0, c1] = [selection.anchor.col, selection.focus.col].sort((a, b) => a - b) as [number, number];
    const lines: string[] = [];
    for (let r = r0; r <= r1; r += 1) {
      const row = data.row(r);
      const cells: string[] = [];
      for (let c = c0; c <= c1; c += 1) {
        const column = columns.indexOf(visible[c]!);
        cells.push(row ? copyText(row[column] ?? null) : '');
      }
      lines.push(cells.join('\t'));
    }
    await writeClipboard(lines.join('\n'));
    const count = (r1 - r0 + 1) * (c1 - c0 + 1);
    useToasts
      .getState()
      .push('info', count === 1 ? 'Copied the cell.' : `Copied ${formatCount(count)} cells.`);
  };

  return {
    isSelected: (row, col) => {
      if (!selection) return false;
      const { anchor, focus } = selection;
      return (
        row >= Math.min(anchor.row, focus.row) &&
        row <= Math.max(anchor.row, focus.row) &&
        col >= Math.min(anchor.col, focus.col) &&
        col <= Math.max(anchor.col, focus.col)
      );
    },
    select: (cell, extend) =>
      setSelection((s) => (extend && s ? { anchor: s.anchor, focus: cell } : { anchor: cell, focus: cell })),
    focusCol: () => selection?.focus.col ?? 0,
    copy,
  };
}

async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard access can be refused outside a secure context; fall back to execCommand.
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}
