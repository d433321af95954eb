/** The grid's sticky header row: the row-number corner and one header cell per visible column. */
import type { ColumnInsight, SortKey } from '../../shared/datasets';
import { GridHeaderCell } from './GridHeaderCell';
import { nextSort } from './grid-sort';
import type { GridColumns } from './use-grid-columns';

interface Props {
  layout: GridColumns;
  indexWidth: number;
  sort: SortKey[];
  insights: ColumnInsight[] | undefined;
  onSortChange?: ((sort: SortKey[]) => void) | undefined;
  menuColumn: string | null;
  onMenu(column: string, anchor: HTMLElement): void;
}

export function GridHeader({ layout, indexWidth, sort, insights, onSortChange, menuColumn, onMenu }: Props) {
  return (
    <div className="grid-header" role="row" style={{ width: layout.totalWidth }}>
      <div className="grid-index-cell header" style={{ width: indexWidth }} />
      {layout.visible.map((c, i) => (
        <GridHeaderCell
          key={c.name}
          column={c}
          position={i}
          sort={sort}
          insight={insights?.find((x) => x.name === c.name)}
          layout={layout}
          canSort={Boolean(onSortChange)}
          menuOpen={menuColumn === c.name}
          onSort={(additive) => onSortChange?.(nextSort(sort, c.name, additive))}
          onMenu={(anchor) => onMenu(c.name, anchor)}
        />
      ))}
    </div>
  );
}
