/**
 * The grid's column layout, kept in the view only: widths (drag to resize), hidden and
 * pinned columns, the visible order (pinned first) and each column's left edge for
 * sticky pinning.
 */
import { useMemo, useState, type CSSProperties } from 'react';
import type { ColumnInfo } from '../../shared/datasets';

export const DEFAULT_WIDTH = 150;

export interface GridColumns {
  visible: ColumnInfo[];
  hidden: string[];
  pinned: string[];
  totalWidth: number;
  widthOf(name: string): number;
  stickyStyle(index: number): CSSProperties;
  startResize(name: string, startX: number): void;
  hide(name: string): void;
  showAll(): void;
  togglePin(name: string): void;
}

export function useGridColumns(columns: ColumnInfo[], indexWidth: number): GridColumns {
  const [widths, setWidths] = useState<Record<string, number>>({});
  const [hidden, setHidden] = useState<string[]>([]);
  const [pinned, setPinned] = useState<string[]>([]);
  const visible = useMemo(() => {
    const shown = columns.filter((c) => !hidden.includes(c.name));
    return [
      ...shown.filter((c) => pinned.includes(c.name)),
      ...shown.filter((c) => !pinned.includes(c.name)),
    ];
  }, [columns, hidden, pinned]);
  const widthOf = (name: string) => widths[name] ?? DEFAULT_WIDTH;
  const lefts = useMemo(() => {
    const result: number[] = [];
    let x = indexWidth;
    for (const c of visible) {
      result.push(x);
      x += widths[c.name] ?? DEFAULT_WIDTH;
    }
    return result;
  }, [visible, widths, indexWidth]);

  const startResize = (name: string, startX: number) => {
    const startWidth = widthOf(name);
    const move = (e: MouseEvent) =>
      setWidths((w) => ({ ...w, [name]: Math.max(48, startWidth + e.clientX - startX) }));
    const up = () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  };

  return {
    visible,
    hidden,
    pinned,
    totalWidth: indexWidth + visible.reduce((sum, c) => sum + widthOf(c.name), 0),
    widthOf,
    stickyStyle: (index) =>
      pinned.includes(visible[index]!.name) ? { position: 'sticky', left: lefts[index], zIndex: 1 } : {},
    startResize,
    hide: (name) => setHidden((h) => [...h, name]),
    showAll: () => setHidden([]),
    togglePin: (name) => setPinned((p) => (p.includes(name) ? p.filter((x) => x !== name) : [...p, name])),
  };
}
