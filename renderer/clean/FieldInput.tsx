/** One argument of a step's form: its label, its control (FieldControl.tsx) and its sentence. */
import type { ColumnInfo } from '../../shared/datasets';
import { FieldControl } from './FieldControl';
import type { FieldSpec, RawValue } from './step-fields';

export interface FieldInputProps {
  field: FieldSpec;
  value: RawValue | undefined;
  columns: ColumnInfo[];
  datasets: string[];
  error?: string | undefined;
  onChange(value: RawValue): void;
}

const CAST_TYPES = [
  'BIGINT',
  'INTEGER',
  'DOUBLE',
  'DECIMAL(18,3)',
  'VARCHAR',
  'BOOLEAN',
  'DATE',
  'TIMESTAMP',
];

export function fieldLabel(field: FieldSpec): string {
  const words = field.name.replace(/_/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}${field.optional ? ' (optional)' : ''}`;
}

export function FieldInput(props: FieldInputProps) {
  const { field, error } = props;
  return (
    <div className={`clean-field${field.kind === 'boolean' ? ' inline' : ''}`} data-field={field.name}>
      <span className="field-label">{fieldLabel(field)}</span>
      <FieldControl {...props} label={fieldLabel(field)} />
      {field.name === 'type' && (
        <datalist id="clean-cast-types">
          {CAST_TYPES.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      )}
      {error && <span className="form-error">{error}</span>}
    </div>
  );
}
