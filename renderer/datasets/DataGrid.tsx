/**
 * The grid: virtualised rows over millions (only the visible ones exist in the DOM, and
 * the scroll space is scaled past the browser's height limit, see grid-scroll.ts), typed
 * headers with quick insights, multi-column sort (click; Shift+click adds a key),
 * per-column filters, resize, hide and pin, copy of a cell or a block of cells, and
 * Ctrl+Home / Ctrl+End to the first and last row.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import type { ColumnInfo, ColumnInsight, Filter, SortKey } from '../../shared/datasets';
import { formatCount } from '../shell/format';
import { GridChips } from './GridChips';
import { GridColumnMenu } from './GridColumnMenu';
import { GridHeader } from './GridHeader';
import type { GridData } from './grid-pages';
import { GridRow } from './GridRow';
import { useGridColumns } from './use-grid-columns';
import { useGridSelection, type GridSelection } from './use-grid-selection';
import { useEnsureRows, useScaledRows } from './use-scaled-rows';

const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 67;

export interface DataGridProps {
  columns: ColumnInfo[];
  data: GridData;
  insights?: ColumnInsight[] | undefined;
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

/** Wide enough for the largest row number. */
function indexWidth(rowCount: number): number {
  return Math.max(64, 18 + 8 * formatCount(rowCount).length);
}

export function DataGrid(props: DataGridProps) {
  const { columns, data, insights, sort = [], filters = [] } = props;
  const [menu, setMenu] = useState<{ column: string; anchor: HTMLElement } | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowCount = data.totalRows ?? 0;
  const numberWidth = indexWidth(rowCount);
  const layout = useGridColumns(columns, numberWidth);
  const selection = useGridSelection(columns, layout.visible, data);
  const scaled = useScaledRows(scrollRef, rowCount, ROW_HEIGHT, HEADER_HEIGHT);
  useEnsureRows(data, scaled.rows);
  const insightOf = (name: string) => insights?.find((i) => i.name === name);
  const menuColumn = menu && layout.visible.find((c) => c.name === menu.column);

  return (
    <div className="grid-wrap" data-testid={props.testId ?? 'data-grid'}>
      <GridChips
        filters={filters}
        hiddenCount={layout.hidden.length}
        onFiltersChange={props.onFiltersChange}
        onShowAll={layout.showAll}
      />
      <div
        className="grid-scroll"
        ref={scrollRef}
        tabIndex={0}
        role="grid"
        aria-rowcount={rowCount + 1}
        onKeyDown={(e) => onGridKey(e, selection, scaled.scrollToRow, rowCount)}
      >
        <div
          style={{
            width: layout.totalWidth,
            height: scaled.totalHeight + HEADER_HEIGHT,
            position: 'relative',
          }}
        >
          <GridHeader
            layout={layout}
            indexWidth={numberWidth}
            sort={sort}
            insights={insights}
            onSortChange={props.onSortChange}
            menuColumn={menu?.column ?? null}
            onMenu={(column, anchor) => setMenu(menu?.column === column ? null : { column, anchor })}
          />
          {/* Rows are placed against the scrolled viewport, so a scaled scroll space still lands on real
              rows; the clip keeps overscan rows from growing the scroll range. */}
          <div className="grid-rows">
            {scaled.rows.map((r) => (
              <GridRow
                key={r.index}
                index={r.index}
                top={scaled.scrollTop + r.top + HEADER_HEIGHT}
                columns={columns}
                row={data.row(r.index)}
                layout={layout}
                indexWidth={numberWidth}
                selection={selection}
              />
            ))}
          </div>
        </div>
      </div>
      {menu && menuColumn && (
        <GridColumnMenu
          column={menuColumn}
          anchor={menu.anchor}
          insight={insightOf(menu.column)}
          layout={layout}
          sort={sort}
          filters={filters}
          onSortChange={props.onSortChange}
          onFiltersChange={props.onFiltersChange}
          onRetype={props.onRetype}
          onClose={() => setMenu(null)}
        />
      )}
    </div>
  );
}

function onGridKey(
  e: KeyboardEvent,
  selection: GridSelection,
  scrollToRow: (index: number) => void,
  rowCount: number,
) {
  if (!(e.ctrlKey || e.metaKey)) return;
  const key = e.key.toLowerCase();
  if (key === 'c') {
    e.preventDefault();
    void selection.copy();
  } else if ((key === 'home' || key === 'end') && rowCount > 0) {
    e.preventDefault();
    const row = key === 'home' ? 0 : rowCount - 1;
    scrollToRow(row);
    selection.select({ row, col: selection.focusCol() }, false);
  }
}
