/**
 * The form of each operation, read from its zod schema in the contract (shared/clean/
 * recipe.ts): one field per argument, with the kind of control it needs (a column picker,
 * a list of columns, a select for an enum, a number, a list…). A form holds "raw" values
 * as the controls edit them (text for numbers and lists); `toStep` turns them into a step
 * and validates it against the same schema the engine uses, so the sentences match.
 */
import { z } from 'zod';
import { stepSchemas, type Step, type StepOp } from '../../shared/clean/recipe';

export type FieldKind =
  | 'column'
  | 'columns'
  | 'dataset'
  | 'text'
  | 'expression'
  | 'enum'
  | 'number'
  | 'boolean'
  | 'numbers'
  | 'names'
  | 'mapping'
  | 'value'
  | 'objects';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  optional: boolean;
  options?: readonly string[];
  /** The fields of one element, for a list of objects (sort keys, aggregations). */
  item?: FieldSpec[];
}

export type RawValue = string | boolean | string[] | Record<string, string> | RawValues[];
export type RawValues = Record<string, RawValue>;

const COLUMN_FIELDS = new Set(['column', 'order_by', 'a', 'b', 'target']);
const COLUMN_LIST_FIELDS = new Set(['columns', 'group_by', 'keys', 'on', 'by']);
/** Fields that take a number or a text (fill_missing's value; rolling's window: 3 or "7 days"). */
const VALUE_FIELDS = new Set(['value', 'window']);

function specOf(name: string, schema: z.ZodType): FieldSpec {
  let inner: z.ZodType = schema;
  const optional = schema instanceof z.ZodOptional;
  if (inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
  // A union (join's `on`) is edited as its first form.
  if (inner instanceof z.ZodUnion && !VALUE_FIELDS.has(name)) inner = inner.options[0] as z.ZodType;
  const spec = (kind: FieldKind, extra: Partial<FieldSpec> = {}): FieldSpec => ({
    name,
    kind,
    optional,
    ...extra,
  });
  if (VALUE_FIELDS.has(name)) return spec('value');
  if (inner instanceof z.ZodEnum) return spec('enum', { options: inner.options as string[] });
  if (inner instanceof z.ZodBoolean) return spec('boolean');
  if (inner instanceof z.ZodNumber) return spec('number');
  if (inner instanceof z.ZodRecord) return spec('mapping');
  if (inner instanceof z.ZodArray) {
    const element = inner.element as z.ZodType;
    if (element instanceof z.ZodObject) return spec('objects', { item: shapeFields(element) });
    if (element instanceof z.ZodNumber) return spec('numbers');
    return spec(COLUMN_LIST_FIELDS.has(name) ? 'columns' : 'names');
  }
  if (COLUMN_FIELDS.has(name)) return spec('column');
  if (name === 'dataset') return spec('dataset');
  if (name === 'expression' || name === 'query') return spec('expression');
  return spec('text');
}

function shapeFields(schema: z.ZodObject): FieldSpec[] {
  return Object.entries(schema.shape)
    .filter(([name]) => name !== 'op')
    .map(([name, field]) => specOf(name, field as z.ZodType));
}

/** The fields of an operation's form, in the schema's order. */
export function fieldsOf(op: StepOp): FieldSpec[] {
  return shapeFields(stepSchemas[op] as unknown as z.ZodObject);
}

function initialOf(field: FieldSpec): RawValue {
  switch (field.kind) {
    case 'enum':
      return field.optional ? '' : (field.options?.[0] ?? '');
    case 'boolean':
      return false;
    case 'columns':
      return [];
    case 'mapping':
      return {};
    case 'objects':
      return field.optional ? [] : [initialValues(field.item ?? [])];
    case 'number':
      return field.optional ? '' : '0';
    default:
      return '';
  }
}

export function initialValues(fields: FieldSpec[], preset: RawValues = {}): RawValues {
  const values: RawValues = {};
  for (const f of fields) values[f.name] = preset[f.name] ?? initialOf(f);
  return values;
}

/** A form's starting values; `column` fills the operation's column field(s) (the column menu). */
export function draftValues(op: StepOp, column?: string): RawValues {
  const fields = fieldsOf(op);
  const preset: RawValues = {};
  if (column) {
    for (const f of fields) {
      if (f.name === 'column') preset.column = column;
      else if (f.name === 'columns') preset.columns = [column];
      else if (f.kind === 'mapping') preset[f.name] = { [column]: '' };
    }
  }
  return initialValues(fields, preset);
}

const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

function convert(field: FieldSpec, raw: RawValue | undefined): unknown {
  switch (field.kind) {
    case 'boolean':
      return raw === true;
    case 'number':
      return raw === '' || raw === undefined ? undefined : Number(raw);
    case 'numbers':
      return typeof raw === 'string' && raw.trim() !== '' ? splitList(raw).map(Number) : undefined;
    case 'names':
      return typeof raw === 'string' && raw.trim() !== '' ? splitList(raw) : undefined;
    case 'columns':
      return Array.isArray(raw) && raw.length > 0 ? raw : undefined;
    case 'mapping':
      return Object.fromEntries(
        Object.entries((raw ?? {}) as Record<string, string>).filter(([, to]) => to.trim() !== ''),
      );
    case 'objects':
      return ((raw ?? []) as RawValues[]).map((row) => convertAll(field.item ?? [], row));
    case 'value': {
      const text = String(raw ?? '');
      if (text === '') return undefined;
      return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text.trim()) ? Number(text) : text;
    }
    default:
      return raw === '' ? undefined : raw;
  }
}

function convertAll(fields: FieldSpec[], values: RawValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const value = convert(f, values[f.name]);
    if (value !== undefined) out[f.name] = value;
  }
  return out;
}

export interface DraftCheck {
  step: Step | null;
  /** One sentence per field at fault, keyed by the field's name. */
  errors: Record<string, string>;
}

/** The step the form describes, or why it is not one yet. */
export function toStep(op: StepOp, values: RawValues): DraftCheck {
  const candidate = { op, ...convertAll(fieldsOf(op), values) };
  const parsed = stepSchemas[op].safeParse(candidate);
  if (parsed.success) return { step: parsed.data as Step, errors: {} };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0] ?? 'op');
    if (errors[name]) continue;
    const missing = issue.code === 'invalid_type' && !(name in candidate);
    errors[name] = missing ? `Fill in ${name.replace(/_/g, ' ')}.` : issue.message;
  }
  return { step: null, errors };
}

function rawOf(field: FieldSpec, value: unknown): RawValue {
  if (value === undefined || value === null) return initialOf(field);
  switch (field.kind) {
    case 'numbers':
    case 'names':
      return (value as unknown[]).join(', ');
    case 'objects':
      return (value as Array<Record<string, unknown>>).map((row) => rawAll(field.item ?? [], row));
    case 'boolean':
      return value === true;
    case 'columns':
      return [...(value as string[])];
    case 'mapping':
      return { ...(value as Record<string, string>) };
    default:
      return String(value as string | number);
  }
}

function rawAll(fields: FieldSpec[], step: Record<string, unknown>): RawValues {
  return Object.fromEntries(fields.map((f) => [f.name, rawOf(f, step[f.name])]));
}

/** A step's arguments as its form edits them (to edit a step of the recipe). */
export function valuesOf(step: Step): RawValues {
  return rawAll(fieldsOf(step.op), step as unknown as Record<string, unknown>);
}
