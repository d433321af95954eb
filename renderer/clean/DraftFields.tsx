/**
 * The fields of an operation's draft, generated from its step schema: shared by the Clean
 * view's step form and the Features view's builder, so both show a field's sentence the
 * same way (the engine's problem first, else the schema's once something is typed).
 */
import type { StepOp } from '../../shared/clean/recipe';
import type { StepProblem } from '../../shared/clean/clean-api';
import type { ColumnInfo } from '../../shared/datasets';
import { FieldInput } from './FieldInput';
import { fieldsOf, type RawValues } from './step-fields';

interface DraftFieldsProps {
  op: StepOp;
  values: RawValues;
  /** The schema's sentence per field, from `toStep`. */
  errors: Record<string, string>;
  /** The engine's problem with this step, if any. */
  problem: StepProblem | undefined;
  columns: ColumnInfo[];
  datasets: string[];
  onChange(values: RawValues): void;
}

export function DraftFields({ op, values, errors, problem, columns, datasets, onChange }: DraftFieldsProps) {
  return (
    <>
      {fieldsOf(op).map((field) => (
        <FieldInput
          key={field.name}
          field={field}
          value={values[field.name]}
          columns={columns}
          datasets={datasets}
          error={
            problem?.field === field.name
              ? problem.message
              : errorShown(values[field.name], errors[field.name])
          }
          onChange={(value) => onChange({ ...values, [field.name]: value })}
        />
      ))}
    </>
  );
}

/** A field's sentence, once the person has typed something into it (no red on a fresh form). */
function errorShown(value: unknown, error: string | undefined): string | undefined {
  const empty = value === '' || value === undefined || (Array.isArray(value) && value.length === 0);
  return empty ? undefined : error;
}
