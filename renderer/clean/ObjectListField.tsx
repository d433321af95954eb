/** A list of small sub-forms (sort keys, aggregations): add, edit and remove rows. */
import type { ColumnInfo } from '../../shared/datasets';
import { FieldInput } from './FieldInput';
import { initialValues, type FieldSpec, type RawValue, type RawValues } from './step-fields';

interface Props {
  field: FieldSpec;
  value: RawValues[];
  columns: ColumnInfo[];
  datasets: string[];
  onChange(value: RawValue): void;
}

export function ObjectListField({ field, value, columns, datasets, onChange }: Props) {
  const item = field.item ?? [];
  const update = (index: number, next: RawValues) => onChange(value.map((v, i) => (i === index ? next : v)));
  return (
    <div className="clean-objects">
      {value.map((row, index) => (
        <div className="clean-object" key={index}>
          {item.map((f) => (
            <FieldInput
              key={f.name}
              field={f}
              value={row[f.name]}
              columns={columns}
              datasets={datasets}
              onChange={(v) => update(index, { ...row, [f.name]: v })}
            />
          ))}
          <button
            type="button"
            className="link"
            aria-label={`Remove ${field.name} ${index + 1}`}
            onClick={() => onChange(value.filter((_v, i) => i !== index))}
          >
            Remove
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...value, initialValues(item)])}>
        Add {field.name.replace(/_/g, ' ')}
      </button>
    </div>
  );
}
