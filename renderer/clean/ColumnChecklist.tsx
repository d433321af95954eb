/** A list of columns to tick, for a step's column-list argument, with all / none. */
import type { ColumnInfo } from '../../shared/datasets';

interface Props {
  label: string;
  columns: ColumnInfo[];
  value: string[];
  onChange(value: string[]): void;
}

export function ColumnChecklist({ label, columns, value, onChange }: Props) {
  const chosen = new Set(value);
  // Keep the order of the columns ticked (it matters for reorder and select).
  const toggle = (name: string) =>
    onChange(chosen.has(name) ? value.filter((v) => v !== name) : [...value, name]);
  return (
    <div className="clean-checklist" role="group" aria-label={label}>
      <div className="row">
        <button type="button" className="link" onClick={() => onChange(columns.map((c) => c.name))}>
          All
        </button>
        <button type="button" className="link" onClick={() => onChange([])}>
          None
        </button>
        <span className="muted">{value.length} chosen</span>
      </div>
      <div className="clean-checklist-items">
        {columns.map((c) => (
          <label key={c.name} title={`${c.name} · ${c.type}`}>
            <input
              type="checkbox"
              aria-label={c.name}
              checked={chosen.has(c.name)}
              onChange={() => toggle(c.name)}
            />
            <span>{c.name}</span>
            <span className="muted clean-type">{c.type}</span>
          </label>
        ))}
      </div>
    </div>
  );
}
