/** A rename mapping: a new name beside each column (those left empty keep their name). */
import type { ColumnInfo } from '../../shared/datasets';
import type { RawValue } from './step-fields';

interface Props {
  label: string;
  columns: ColumnInfo[];
  value: RawValue | undefined;
  onChange(value: RawValue): void;
}

export function MappingField(props: Props) {
  const mapping = (props.value ?? {}) as Record<string, string>;
  return (
    <div className="clean-mapping" role="group" aria-label={props.label}>
      {props.columns.map((c) => (
        <label key={c.name}>
          <span title={c.name}>{c.name} →</span>
          <input
            type="text"
            aria-label={`New name for ${c.name}`}
            value={mapping[c.name] ?? ''}
            onChange={(e) => props.onChange({ ...mapping, [c.name]: e.target.value })}
          />
        </label>
      ))}
    </div>
  );
}
