/**
 * A column's menu: sort, filter (range for numbers and dates, contains or one of a set
 * for text, null / not null for all), hide and pin.
 */
import { useState } from 'react';
import type { ColumnInfo, ColumnInsight, Filter } from '../../shared/datasets';
import { formatCount } from '../shell/format';
import { isNumericType } from './arrow-page';
import { COMMON_TYPES } from './duckdb-types';
import { parseBound } from './filters';

interface Props {
  column: ColumnInfo;
  insight?: ColumnInsight;
  pinned: boolean;
  canSortAndFilter: boolean;
  onClose(): void;
  onSort(descending: boolean | null): void;
  onFilter(filter: Filter): void;
  onClearFilter(): void;
  onHide(): void;
  onPin(): void;
  /** Present where the column's type can be changed (a new version). */
  onRetype?: (type: string) => void;
}

type Mode = 'range' | 'contains' | 'in';

export function ColumnMenu(props: Props) {
  const { column, insight } = props;
  const rangeLike = isNumericType(column.type) || /DATE|TIME/i.test(column.type);
  const [mode, setMode] = useState<Mode>(rangeLike ? 'range' : 'contains');
  const [min, setMin] = useState('');
  const [max, setMax] = useState('');
  const [text, setText] = useState('');
  const act = (fn: () => void) => () => {
    fn();
    props.onClose();
  };

  const apply = () => {
    if (mode === 'range') {
      const lo = parseBound(min);
      const hi = parseBound(max);
      if (lo === undefined && hi === undefined) return;
      props.onFilter({
        column: column.name,
        op: 'range',
        ...(lo !== undefined ? { min: lo } : {}),
        ...(hi !== undefined ? { max: hi } : {}),
      });
    } else if (mode === 'contains') {
      if (!text) return;
      props.onFilter({ column: column.name, op: 'contains', value: text });
    } else {
      const values = text
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
        .map((v) => (isNumericType(column.type) && Number.isFinite(Number(v)) ? Number(v) : v));
      if (values.length === 0) return;
      props.onFilter({ column: column.name, op: 'in', values });
    }
    props.onClose();
  };

  return (
    <div
      className="column-menu"
      role="menu"
      aria-label={`${column.name} menu`}
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
          <form
            className="filter-form"
            onSubmit={(e) => {
              e.preventDefault();
              apply();
            }}
          >
            <div className="segmented" role="radiogroup" aria-label="Filter kind">
              {(rangeLike ? (['range', 'in'] as Mode[]) : (['contains', 'in'] as Mode[])).map((m) => (
                <button
                  key={m}
                  type="button"
                  role="radio"
                  aria-checked={mode === m}
                  className={mode === m ? 'on' : ''}
                  onClick={() => setMode(m)}
                >
                  {m === 'range' ? 'Range' : m === 'contains' ? 'Contains' : 'One of'}
                </button>
              ))}
            </div>
            {mode === 'range' ? (
              <div className="row">
                <input
                  aria-label="Minimum"
                  placeholder="min"
                  value={min}
                  onChange={(e) => setMin(e.target.value)}
                />
                <input
                  aria-label="Maximum"
                  placeholder="max"
                  value={max}
                  onChange={(e) => setMax(e.target.value)}
                />
              </div>
            ) : (
              <input
                aria-label={mode === 'contains' ? 'Text to find' : 'Values, separated by commas'}
                placeholder={mode === 'contains' ? 'text' : 'a, b, c'}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            )}
            {mode === 'in' && insight?.top && (
              <div className="muted small">
                Common: {insight.top.map((t) => `${t.value} (${formatCount(t.count)})`).join(', ')}
              </div>
            )}
            <button type="submit" className="primary">
              Apply filter
            </button>
          </form>
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
        <RetypeForm current={column.type} onRetype={(t) => (props.onRetype!(t), props.onClose())} />
      )}
      <button type="button" role="menuitem" onClick={act(props.onHide)}>
        Hide column
      </button>
    </div>
  );
}

/** Change the column's type: the engine casts into a new version and names any value that fails. */
function RetypeForm({ current, onRetype }: { current: string; onRetype: (type: string) => void }) {
  const [type, setType] = useState(current);
  return (
    <form
      className="row retype-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (type !== current) onRetype(type);
      }}
    >
      <select aria-label="New type" value={type} onChange={(e) => setType(e.target.value)}>
        {[...new Set([current, ...COMMON_TYPES])].map((t) => (
          <option key={t}>{t}</option>
        ))}
      </select>
      <button
        type="submit"
        disabled={type === current}
        title="Casts into a new version; this one stays as it is"
      >
        Change type
      </button>
    </form>
  );
}
