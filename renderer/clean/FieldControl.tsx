/**
 * The control of one argument, by its kind (see step-fields.ts): a column picker, a
 * checklist of columns, a select for an enum or a dataset, a number, a checkbox, a text or
 * an expression, a comma-separated list, a rename mapping, or a list of sub-forms.
 */
import { ColumnChecklist } from './ColumnChecklist';
import type { FieldInputProps } from './FieldInput';
import { MappingField } from './MappingField';
import { ObjectListField } from './ObjectListField';
import type { RawValues } from './step-fields';

type Props = Omit<FieldInputProps, 'error'> & { label: string };

function choices({ field, columns, datasets }: Props): readonly string[] {
  if (field.kind === 'column') return columns.map((c) => c.name);
  if (field.kind === 'dataset') return datasets;
  return field.options ?? [];
}

export function FieldControl(props: Props) {
  const { field, value, label, onChange } = props;
  const text = typeof value === 'string' ? value : '';
  switch (field.kind) {
    case 'column':
    case 'dataset':
    case 'enum':
      return (
        <select aria-label={label} value={text} onChange={(e) => onChange(e.target.value)}>
          {(field.optional || field.kind !== 'enum') && (
            <option value="">{field.optional ? '—' : 'Choose…'}</option>
          )}
          {choices(props).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'columns':
      return (
        <ColumnChecklist
          label={label}
          columns={props.columns}
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={onChange}
        />
      );
    case 'boolean':
      return (
        <input
          type="checkbox"
          aria-label={label}
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
    case 'expression':
      return (
        <textarea
          aria-label={label}
          rows={3}
          spellCheck={false}
          className="mono"
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'mapping':
      return <MappingField label={label} columns={props.columns} value={value} onChange={onChange} />;
    case 'objects':
      return (
        <ObjectListField
          field={field}
          value={Array.isArray(value) ? (value as RawValues[]) : []}
          columns={props.columns}
          datasets={props.datasets}
          onChange={onChange}
        />
      );
    default:
      return (
        <input
          type={field.kind === 'number' ? 'number' : 'text'}
          aria-label={label}
          value={text}
          list={field.name === 'type' ? 'clean-cast-types' : undefined}
          placeholder={field.kind === 'names' || field.kind === 'numbers' ? 'comma, separated' : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
}
