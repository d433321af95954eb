/**
 * A column's filter: a range for numbers and dates, "contains" or "one of" a set for
 * text; the common values are offered as a hint for "one of".
 */
import { useState } from 'react';
import type { ColumnInfo, ColumnInsight, Filter } from '../../shared/datasets';
import { formatCount } from '../shell/format';
import { isNumericType } from './arrow-page';
import { parseBound } from './filters';

type Mode = 'range' | 'contains' | 'in';

interface Props {
  column: ColumnInfo;
  insight?: ColumnInsight | undefined;
  onFilter(filter: Filter): void;
}

/** The filter the form's fields describe, or null while they describe none. */
function filterOf(column: ColumnInfo, mode: Mode, min: string, max: string, text: string): Filter | null {
  if (mode === 'range') {
    const lo = parseBound(min);
    const hi = parseBound(max);
    if (lo === undefined && hi === undefined) return null;
    return {
      column: column.name,
      op: 'range',
      ...(lo !== undefined ? { min: lo } : {}),
      ...(hi !== undefined ? { max: hi } : {}),
    };
  }
  if (mode === 'contains') return text ? { column: column.name, op: 'contains', value: text } : null;
  const values = text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => (isNumericType(column.type) && Number.isFinite(Number(v)) ? Number(v) : v));
  return values.length > 0 ? { column: column.name, op: 'in', values } : null;
}

export function ColumnFilterForm({ column, insight, onFilter }: Props) {
  const rangeLike = isNumericType(column.type) || /DATE|TIME/i.test(column.type);
  const [mode, setMode] = useState<Mode>(rangeLike ? 'range' : 'contains');
  const [min, setMin] = useState('');
  const [max, setMax] = useState('');
  const [text, setText] = useState('');
  const modes: Mode[] = rangeLike ? ['range', 'in'] : ['contains', 'in'];
  return (
    <form
      className="filter-form"
      onSubmit={(e) => {
        e.preventDefault();
        const filter = filterOf(column, mode, min, max, text);
        if (filter) onFilter(filter);
      }}
    >
      <div className="segmented" role="radiogroup" aria-label="Filter kind">
        {modes.map((m) => (
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
  );
}
