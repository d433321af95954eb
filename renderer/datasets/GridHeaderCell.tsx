/** A column's header: name and sort mark (click to sort), type, quick insight, menu, resize. */
import type { ColumnInfo, ColumnInsight, SortKey } from '../../shared/datasets';
import { isNumericType } from './arrow-page';
import { InsightBar } from './InsightBar';
import type { GridColumns } from './use-grid-columns';

interface Props {
  column: ColumnInfo;
  position: number;
  sort: SortKey[];
  insight: ColumnInsight | undefined;
  layout: GridColumns;
  canSort: boolean;
  menuOpen: boolean;
  onSort(additive: boolean): void;
  onMenu(anchor: HTMLElement): void;
}

export function GridHeaderCell({ column: c, position, sort, insight, layout, ...props }: Props) {
  const index = sort.findIndex((s) => s.column === c.name);
  const key = sort[index];
  return (
    <div
      role="columnheader"
      className={`grid-header-cell${layout.pinned.includes(c.name) ? ' pinned' : ''}`}
      style={{ width: layout.widthOf(c.name), ...layout.stickyStyle(position) }}
      aria-sort={key ? (key.descending ? 'descending' : 'ascending') : 'none'}
      data-column={c.name}
    >
      <button
        type="button"
        className="header-main"
        title={`${c.name} · ${c.type}${props.canSort ? '\nClick to sort; Shift+click to add a sort key' : ''}`}
        onClick={(e) => props.onSort(e.shiftKey)}
      >
        <span className="header-name truncate">{c.name}</span>
        {key && (
          <span className="sort-mark" aria-hidden="true">
            {key.descending ? '▼' : '▲'}
            {sort.length > 1 ? index + 1 : ''}
          </span>
        )}
      </button>
      <span className="header-type">{c.type}</span>
      <InsightBar insight={insight} numeric={isNumericType(c.type)} />
      <button
        type="button"
        className="ghost icon header-menu-button"
        aria-label={`Column menu for ${c.name}`}
        aria-expanded={props.menuOpen}
        onClick={(e) => props.onMenu(e.currentTarget)}
      >
        ⋮
      </button>
      <span
        className="resize-handle"
        onMouseDown={(e) => {
          e.preventDefault();
          layout.startResize(c.name, e.clientX);
        }}
      />
    </div>
  );
}
