/** The open column menu of a grid, wired to the grid's sort, filters and layout. */
import type { ColumnInfo, ColumnInsight, Filter, SortKey } from '../../shared/datasets';
import { ColumnMenu } from './ColumnMenu';
import type { GridColumns } from './use-grid-columns';

interface Props {
  column: ColumnInfo;
  anchor: HTMLElement;
  insight: ColumnInsight | undefined;
  layout: GridColumns;
  sort: SortKey[];
  filters: Filter[];
  onSortChange?: ((sort: SortKey[]) => void) | undefined;
  onFiltersChange?: ((filters: Filter[]) => void) | undefined;
  onRetype?: ((column: string, type: string) => void) | undefined;
  onClose(): void;
}

export function GridColumnMenu({ column, layout, sort, filters, ...props }: Props) {
  const name = column.name;
  const withoutThis = filters.filter((f) => f.column !== name);
  return (
    <ColumnMenu
      column={column}
      anchor={props.anchor}
      insight={props.insight}
      pinned={layout.pinned.includes(name)}
      canSortAndFilter={Boolean(props.onSortChange)}
      onClose={props.onClose}
      onSort={(descending) =>
        props.onSortChange?.(
          descending === null ? sort.filter((s) => s.column !== name) : [{ column: name, descending }],
        )
      }
      onFilter={(filter) => props.onFiltersChange?.([...withoutThis, filter])}
      onClearFilter={() => props.onFiltersChange?.(withoutThis)}
      onHide={() => layout.hide(name)}
      onPin={() => layout.togglePin(name)}
      onRetype={props.onRetype ? (type: string) => props.onRetype!(name, type) : undefined}
    />
  );
}
