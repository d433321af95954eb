/**
 * Virtual rows over a scroll space that may be scaled (grid-scroll.ts): follows the
 * scroll element's position and size, and scrolls to any row, including the last of a
 * table taller than the browser can lay out.
 */
import { useEffect, useState, type RefObject } from 'react';
import type { GridData } from './grid-pages';
import { scrollHeight, scrollTopFor, visibleRows, type ScrollGeometry, type VisibleRow } from './grid-scroll';

export interface ScaledRows {
  rows: VisibleRow[];
  /** The scroll position the rows were laid out for. */
  scrollTop: number;
  /** Height of the spacer that gives the scroll bar its range. */
  totalHeight: number;
  scrollToRow(index: number): void;
}

export function useScaledRows(
  scrollRef: RefObject<HTMLDivElement | null>,
  rowCount: number,
  rowHeight: number,
  headerHeight: number,
): ScaledRows {
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);

  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const onScroll = () => setScrollTop(element.scrollTop);
    const observer = new ResizeObserver(() => setViewport(element.clientHeight));
    element.addEventListener('scroll', onScroll, { passive: true });
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', onScroll);
      observer.disconnect();
    };
  }, [scrollRef]);

  const geometry: ScrollGeometry = {
    rowCount,
    rowHeight,
    viewportHeight: Math.max(rowHeight, viewport - headerHeight),
  };
  // Scrolling is an event handler's work: no memoisation needed.
  const scrollToRow = (index: number) => {
    const element = scrollRef.current;
    if (!element) return;
    // The last row asks for the bottom: the mapping clamps it to the last screenful.
    const offset = index >= rowCount - 1 ? Number.POSITIVE_INFINITY : index * rowHeight;
    element.scrollTop = scrollTopFor(offset, geometry);
  };

  return {
    rows: visibleRows(scrollTop, geometry, 10),
    scrollTop,
    totalHeight: scrollHeight(geometry),
    scrollToRow,
  };
}

/** Ask the data for the rows on screen whenever they change. */
export function useEnsureRows(data: GridData, rows: VisibleRow[]): void {
  const first = rows[0]?.index;
  const last = rows.at(-1)?.index;
  useEffect(() => {
    if (first !== undefined && last !== undefined) data.ensure(first, last);
  }, [data, first, last]);
}
