/**
 * The grid: virtualised rows over millions (only the visible ones exist in the DOM),
 * typed headers with quick insights, multi-column sort (click; Shift+click adds a key),
 * per-column filters, resize, hide and pin, and copy of a cell or a block of cells.
 * NULL is drawn as a grey "null", distinct from an empty string.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { ColumnInfo, ColumnInsight, Filter, SortKey } from '../../shared/datasets';
import { formatCount } from '../shell/format';
import { useToasts } from '../shell/toast-store';
import { copyText, formatCell, isNumericType, type CellValue } from './arrow-page';
import { ColumnMenu } from './ColumnMenu';
import { describeFilter } from './filters';
import type { GridData } from './grid-pages';
import { InsightBar } from './InsightBar';

const ROW_HEIGHT = 28;
const INDEX_WIDTH = 64;
const DEFAULT_WIDTH = 150;

export interface DataGridProps {
  columns: ColumnInfo[];
  data: GridData;
  insights?: ColumnInsight[];
  sort?: SortKey[];
  filters?: Filter[];
  /** Present when the source can sort and filter on the server. */
  onSortChange?: (sort: SortKey[]) => void;
  onFiltersChange?: (filters: Filter[]) => void;
  /** Present when a column's type can be changed (into a new version). */
  onRetype?: (column: string, type: string) => void;
  /** Test id of the grid's root element. */
  testId?: string;
}

interface Selection {
  anchor: { row: number; col: number };
  focus: { row: number; col: number };
}

export function DataGrid(props: DataGridProps) {
  const { columns, data, insights, sort = [], filters = [] } = props;
  const [widths, setWidths] = useState<Record<string, number>>({});
  const [hidden, setHidden] = useState<string[]>([]);
  const [pinned, setPinned] = useState<string[]>([]);
  const [menuFor, setMenuFor] = useState<string | null>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

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
    let x = INDEX_WIDTH;
    for (const c of visible) {
      result.push(x);
      x += widths[c.name] ?? DEFAULT_WIDTH;
    }
    return result;
  }, [visible, widths]);
  const totalWidth = INDEX_WIDTH + visible.reduce((sum, c) => sum + widthOf(c.name), 0);
  const rowCount = data.totalRows ?? 0;

  // The virtualiser hands back functions React cannot memoise; that is expected here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (rowCount > 0) data.ensure(first, last);
  }, [data, first, last, rowCount]);

  const insightOf = (name: string) => insights?.find((i) => i.name === name);
  const sortIndex = (name: string) => sort.findIndex((s) => s.column === name);

  const toggleSort = (name: string, additive: boolean) => {
    if (!props.onSortChange) return;
    const current = sort.find((s) => s.column === name);
    const next: SortKey | null = !current
      ? { column: name }
      : !current.descending
        ? { column: name, descending: true }
        : null;
    const others = additive ? sort.filter((s) => s.column !== name) : [];
    props.onSortChange(next ? [...others, next] : others);
  };

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

  const copySelection = async () => {
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
    const text = lines.join('\n');
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
    const count = (r1 - r0 + 1) * (c1 - c0 + 1);
    useToasts
      .getState()
      .push('info', count === 1 ? 'Copied the cell.' : `Copied ${formatCount(count)} cells.`);
  };

  const isSelected = (row: number, col: number) => {
    if (!selection) return false;
    const { anchor, focus } = selection;
    return (
      row >= Math.min(anchor.row, focus.row) &&
      row <= Math.max(anchor.row, focus.row) &&
      col >= Math.min(anchor.col, focus.col) &&
      col <= Math.max(anchor.col, focus.col)
    );
  };

  const stickyStyle = (index: number): CSSProperties =>
    pinned.includes(visible[index]!.name) ? { position: 'sticky', left: lefts[index], zIndex: 1 } : {};

  return (
    <div className="grid-wrap" data-testid={props.testId ?? 'data-grid'}>
      {(filters.length > 0 || hidden.length > 0) && (
        <div className="grid-chips">
          {filters.map((f, i) => (
            <span key={`${f.column}-${i}`} className="chip">
              {describeFilter(f)}
              <button
                type="button"
                className="ghost icon"
                aria-label={`Remove filter on ${f.column}`}
                onClick={() => props.onFiltersChange?.(filters.filter((_x, j) => j !== i))}
              >
                ×
              </button>
            </span>
          ))}
          {hidden.length > 0 && (
            <button type="button" className="ghost" onClick={() => setHidden([])}>
              Show {hidden.length} hidden column{hidden.length === 1 ? '' : 's'}
            </button>
          )}
        </div>
      )}
      <div
        className="grid-scroll"
        ref={scrollRef}
        tabIndex={0}
        role="grid"
        aria-rowcount={rowCount}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c') {
            e.preventDefault();
            void copySelection();
          }
        }}
      >
        <div
          style={{
            width: totalWidth,
            height: virtualizer.getTotalSize() + ROW_HEIGHT * 2.4,
            position: 'relative',
          }}
        >
          <div className="grid-header" role="row" style={{ width: totalWidth }}>
            <div className="grid-index-cell header" style={{ width: INDEX_WIDTH }} />
            {visible.map((c, i) => {
              const position = sortIndex(c.name);
              const key = sort[position];
              return (
                <div
                  key={c.name}
                  role="columnheader"
                  className={`grid-header-cell${pinned.includes(c.name) ? ' pinned' : ''}`}
                  style={{ width: widthOf(c.name), ...stickyStyle(i) }}
                  aria-sort={key ? (key.descending ? 'descending' : 'ascending') : 'none'}
                  data-column={c.name}
                >
                  <button
                    type="button"
                    className="header-main"
                    title={`${c.name} · ${c.type}${props.onSortChange ? '\nClick to sort; Shift+click to add a sort key' : ''}`}
                    onClick={(e) => toggleSort(c.name, e.shiftKey)}
                  >
                    <span className="header-name truncate">{c.name}</span>
                    {key && (
                      <span className="sort-mark" aria-hidden="true">
                        {key.descending ? '▼' : '▲'}
                        {sort.length > 1 ? position + 1 : ''}
                      </span>
                    )}
                  </button>
                  <span className="header-type">{c.type}</span>
                  <InsightBar insight={insightOf(c.name)} numeric={isNumericType(c.type)} />
                  <button
                    type="button"
                    className="ghost icon header-menu-button"
                    aria-label={`Column menu for ${c.name}`}
                    onClick={() => setMenuFor(menuFor === c.name ? null : c.name)}
                  >
                    ⋮
                  </button>
                  <span
                    className="resize-handle"
                    onMouseDown={(e) => {
                      e.preventDefault();
                      startResize(c.name, e.clientX);
                    }}
                  />
                  {menuFor === c.name && (
                    <ColumnMenu
                      column={c}
                      insight={insightOf(c.name)}
                      pinned={pinned.includes(c.name)}
                      canSortAndFilter={Boolean(props.onSortChange)}
                      onClose={() => setMenuFor(null)}
                      onSort={(descending) =>
                        props.onSortChange?.(
                          descending === null
                            ? sort.filter((s) => s.column !== c.name)
                            : [{ column: c.name, descending }],
                        )
                      }
                      onFilter={(filter) =>
                        props.onFiltersChange?.([...filters.filter((f) => f.column !== c.name), filter])
                      }
                      onClearFilter={() =>
                        props.onFiltersChange?.(filters.filter((f) => f.column !== c.name))
                      }
                      onHide={() => setHidden((h) => [...h, c.name])}
                      {...(props.onRetype
                        ? { onRetype: (type: string) => props.onRetype!(c.name, type) }
                        : {})}
                      onPin={() =>
                        setPinned((p) =>
                          p.includes(c.name) ? p.filter((x) => x !== c.name) : [...p, c.name],
                        )
                      }
                    />
                  )}
                </div>
              );
            })}
          </div>
          {items.map((item) => {
            const row = data.row(item.index);
            return (
              <div
                key={item.key}
                role="row"
                className={item.index % 2 ? 'grid-row odd' : 'grid-row'}
                style={{ transform: `translateY(${item.start + ROW_HEIGHT * 2.4}px)`, width: totalWidth }}
              >
                <div className="grid-index-cell" style={{ width: INDEX_WIDTH }}>
                  {formatCount(item.index + 1)}
                </div>
                {visible.map((c, i) => {
                  const value: CellValue | undefined = row ? (row[columns.indexOf(c)] ?? null) : undefined;
                  const text = value === undefined ? '' : formatCell(value, c.type);
                  return (
                    <div
                      key={c.name}
                      role="gridcell"
                      className={`grid-cell${isNumericType(c.type) ? ' num' : ''}${isSelected(item.index, i) ? ' selected' : ''}${pinned.includes(c.name) ? ' pinned' : ''}`}
                      style={{ width: widthOf(c.name), ...stickyStyle(i) }}
                      title={value === null ? 'NULL' : text}
                      onMouseDown={(e) => {
                        const cell = { row: item.index, col: i };
                        setSelection((s) =>
                          e.shiftKey && s ? { anchor: s.anchor, focus: cell } : { anchor: cell, focus: cell },
                        );
                      }}
                    >
                      {value === undefined ? (
                        <span className="loading-cell" />
                      ) : value === null ? (
                        <span className="null-cell">null</span>
                      ) : text === '' ? (
                        <span className="empty-cell" title="Empty string">
                          ␣
                        </span>
                      ) : (
                        text
                      )}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
