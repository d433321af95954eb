/**
 * Scroll space for tables taller than the browser allows. Chromium stops growing an
 * element at about 33.5 million pixels (1.2M rows of 28 px), so past a cap the scroll
 * bar stands for the table proportionally: scrollTop 0 is the first row and the largest
 * scrollTop is the last screenful, and everything between maps linearly. Below the cap
 * the mapping is the identity, so small tables scroll exactly as before.
 */

/** Well under every browser's limit (Firefox stops near 17.9 million pixels). */
export const MAX_SCROLL_HEIGHT = 8_000_000;

export interface ScrollGeometry {
  rowCount: number;
  rowHeight: number;
  /** Height of the area rows are drawn in (the scroll element less the header). */
  viewportHeight: number;
  maxHeight?: number;
}

/** Height of the element that gives the scroll bar its range. */
export function scrollHeight(g: ScrollGeometry): number {
  return Math.min(g.rowCount * g.rowHeight, g.maxHeight ?? MAX_SCROLL_HEIGHT);
}

/** The largest scrollTop, for the real table and for the capped scroll space. */
function ranges(g: ScrollGeometry): { real: number; scroll: number } {
  const view = Math.max(0, g.viewportHeight);
  return {
    real: Math.max(0, g.rowCount * g.rowHeight - view),
    scroll: Math.max(0, scrollHeight(g) - view),
  };
}

/** Where the table's top is (in real pixels) for a scrollTop. */
export function realOffset(scrollTop: number, g: ScrollGeometry): number {
  const { real, scroll } = ranges(g);
  if (scroll <= 0 || real === scroll) return Math.min(Math.max(0, scrollTop), real);
  return (Math.min(Math.max(0, scrollTop), scroll) / scroll) * real;
}

/** The scrollTop that shows the table from `offset` (real pixels). */
export function scrollTopFor(offset: number, g: ScrollGeometry): number {
  const { real, scroll } = ranges(g);
  if (real <= 0) return 0;
  const clamped = Math.min(Math.max(0, offset), real);
  return real === scroll ? clamped : (clamped / real) * scroll;
}

export interface VisibleRow {
  index: number;
  /** Top of the row relative to the top of the viewport. */
  top: number;
}

/** Rows that intersect the viewport at `scrollTop`, plus `overscan` on each side. */
export function visibleRows(scrollTop: number, g: ScrollGeometry, overscan = 10): VisibleRow[] {
  if (g.rowCount <= 0) return [];
  const offset = realOffset(scrollTop, g);
  const first = Math.max(0, Math.floor(offset / g.rowHeight) - overscan);
  const last = Math.min(g.rowCount - 1, Math.ceil((offset + g.viewportHeight) / g.rowHeight) + overscan);
  const rows: VisibleRow[] = [];
  for (let index = first; index <= last; index += 1) rows.push({ index, top: index * g.rowHeight - offset });
  return rows;
}
