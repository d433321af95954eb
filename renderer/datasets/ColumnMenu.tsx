/**
 * A column's menu: sort, filter (range for numbers and dates, contains or one of a set
 * for text, null / not null for all), pin, change type, hide, and "Clean this column…"
 * (an operation of the Clean view on it). Drawn in a portal next to its button so the
 * grid cannot clip it; Esc and a click outside close it.
 */
import { createPortal } from 'react-dom';
import type { ColumnInfo, ColumnInsight, Filter } from '../../shared/datasets';
import { ColumnCleanMenu } from './ColumnMenuClean';
import { ColumnFilterForm } from './ColumnFilterForm';
import { RetypeForm } from './RetypeForm';
import { useAnchoredPopup } from './use-anchored-popup';

interface Props {
  column: ColumnInfo;
  anchor: HTMLElement;
  insight?: ColumnInsight | undefined;
  pinned: boolean;
  canSortAndFilter: boolean;
  onClose(): void;
  onSort(descending: boolean | null): void;
  onFilter(filter: Filter): void;
  onClearFilter(): void;
  onHide(): void;
  onPin(): void;
  /** Present where the column's type can be changed (a new version). */
  onRetype?: ((type: string) => void) | undefined;
}

export function ColumnMenu(props: Props) {
  const { column } = props;
  const { ref, style } = useAnchoredPopup(props.anchor, props.onClose);
  const act = (fn: () => void) => () => {
    fn();
    props.onClose();
  };
  const menu = (
    <div
      ref={ref}
      className="column-menu"
      role="menu"
      aria-label={`${column.name} menu`}
      style={style}
      onMouseDown={(e) => e.stopPropagation()}
    >
      {props.canSortAndFilter && (
        <>
          <button type="button" role="menuitem" onClick={act(() => props.onSort(false))}>
            Sort ascending
          </button>
          <button type="button" role="menuitem" onClick={act(() => props.onSort(true))}>
            Sort descending
          </button>
          <button type="button" role="menuitem" onClick={act(() => props.onSort(null))}>
            Clear sort
          </button>
          <hr />
          <ColumnFilterForm
            column={column}
            insight={props.insight}
            onFilter={(f) => act(() => props.onFilter(f))()}
          />
          <div className="row">
            <button type="button" onClick={act(() => props.onFilter({ column: column.name, op: 'null' }))}>
              Only null
            </button>
            <button type="button" onClick={act(() => props.onFilter({ column: column.name, op: 'notNull' }))}>
              Not null
            </button>
            <button type="button" onClick={act(props.onClearFilter)}>
              Clear filter
            </button>
          </div>
          <hr />
        </>
      )}
      <button type="button" role="menuitem" onClick={act(props.onPin)}>
        {props.pinned ? 'Unpin' : 'Pin to the left'}
      </button>
      {props.onRetype && (
        <RetypeForm current={column.type} onRetype={(t) => act(() => props.onRetype!(t))()} />
      )}
      <button type="button" role="menuitem" onClick={act(props.onHide)}>
        Hide column
      </button>
      {props.onRetype && <ColumnCleanMenu column={column.name} onDone={props.onClose} />}
    </div>
  );
  return createPortal(menu, document.body);
}
