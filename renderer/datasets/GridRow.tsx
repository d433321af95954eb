/** One row of the grid: its number and its cells; NULL as a grey "null", "" as ␣. */
import type { CSSProperties } from 'react';
import type { ColumnInfo } from '../../shared/datasets';
import { formatCount } from '../shell/format';
import { formatCell, isNumericType, type CellValue } from './arrow-page';
import type { GridColumns } from './use-grid-columns';
import type { GridSelection } from './use-grid-selection';

interface Props {
  index: number;
  top: number;
  columns: ColumnInfo[];
  row: CellValue[] | undefined;
  layout: GridColumns;
  indexWidth: number;
  selection: GridSelection;
}

export function GridRow({ index, top, columns, row, layout, indexWidth, selection }: Props) {
  const style: CSSProperties = { transform: `translateY(${top}px)`, width: layout.totalWidth };
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={index % 2 ? 'grid-row odd' : 'grid-row'}
      style={style}
    >
      <div className="grid-index-cell" style={{ width: indexWidth }}>
        {formatCount(index + 1)}
      </div>
      {layout.visible.map((c, i) => {
        const value: CellValue | undefined = row ? (row[columns.indexOf(c)] ?? null) : undefined;
        const text = value === undefined ? '' : formatCell(value, c.type);
        const classes = [
          'grid-cell',
          isNumericType(c.type) ? 'num' : '',
          selection.isSelected(index, i) ? 'selected' : '',
          layout.pinned.includes(c.name) ? 'pinned' : '',
        ];
        return (
          <div
            key={c.name}
            role="gridcell"
            className={classes.filter(Boolean).join(' ')}
            style={{ width: layout.widthOf(c.name), ...layout.stickyStyle(i) }}
            title={value === null ? 'NULL' : text}
            onMouseDown={(e) => selection.select({ row: index, col: i }, e.shiftKey)}
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
}
