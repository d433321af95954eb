/**
 * The body of `POST /predict` (docs/architecture.md "Serving a bundle") turned into one
 * column per signature input, ready to become ONNX tensors: `{"rows":[{col: value,…},…]}`
 * or `{"columns":{col:[…],…}}`. Numbers go to a Float64Array (NaN for null), text to a
 * string array ("" for null). Anything else is refused with one sentence naming the row,
 * the column and the problem; property names are read as own properties only, so a column
 * called "constructor" or "__proto__" never reaches Object.prototype.
 */
import type { BundleSignature, SignatureInput } from '../../../../shared/bundles';
import { ApiError } from '../../../../shared/errors';

export type InputColumn = Float64Array | string[];

export interface RequestColumns {
  rows: number;
  /** In the signature's input order. */
  columns: InputColumn[];
}

function refuse(sentence: string): never {
  throw new ApiError('INVALID_INPUT', sentence);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.slice(0, 40))}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** One cell of a number column: NaN for null; refuses text, objects and non-finite numbers. */
function numberCell(value: unknown, input: SignatureInput, where: string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      refuse(`${where}: column "${input.name}" is not a finite number; send a finite number or null.`);
    return value;
  }
  if (value === null) return NaN;
  if (typeof value === 'boolean' && input.type === 'BOOLEAN') return value ? 1 : 0;
  return refuse(
    `${where}: column "${input.name}" takes a number${input.type === 'BOOLEAN' ? ' or a boolean' : ''}, not ${describe(value)}.`,
  );
}

function textCell(value: unknown, input: SignatureInput, where: string): string {
  if (typeof value === 'string') return value;
  if (value === null) return '';
  return refuse(`${where}: column "${input.name}" takes text, not ${describe(value)}.`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fromRows(rows: unknown[], inputs: readonly SignatureInput[]): RequestColumns {
  const n = rows.length;
  const columns: InputColumn[] = inputs.map((i) =>
    i.onnxType === 'string' ? new Array<string>(n) : new Float64Array(n),
  );
  for (let r = 0; r < n; r++) {
    const row = rows[r];
    if (!isRecord(row)) refuse(`Row ${r} is ${describe(row)}, not an object of column values.`);
    for (let c = 0; c < inputs.length; c++) {
      const input = inputs[c]!;
      if (!Object.hasOwn(row, input.name))
        refuse(`Row ${r} has no column "${input.name}"; send it, or null for a missing value.`);
      const column = columns[c]!;
      if (column instanceof Float64Array) column[r] = numberCell(row[input.name], input, `Row ${r}`);
      else column[r] = textCell(row[input.name], input, `Row ${r}`);
    }
  }
  return { rows: n, columns };
}

function fromColumns(body: Record<string, unknown>, inputs: readonly SignatureInput[]): RequestColumns {
  let n = -1;
  const columns = inputs.map((input): InputColumn => {
    if (!Object.hasOwn(body, input.name))
      refuse(`The column "${input.name}" is missing from "columns"; send it as a list of values.`);
    const values = body[input.name];
    if (!Array.isArray(values))
      refuse(`The column "${input.name}" is ${describe(values)}, not a list of values.`);
    if (n >= 0 && values.length !== n)
      refuse(
        `The column "${input.name}" has ${values.length} values but "${inputs[0]!.name}" has ${n}; every column needs one value per row.`,
      );
    n = values.length;
    if (input.onnxType === 'string') return values.map((v, r) => textCell(v, input, `Row ${r}`));
    const out = new Float64Array(values.length);
    for (let r = 0; r < out.length; r++) out[r] = numberCell(values[r], input, `Row ${r}`);
    return out;
  });
  return { rows: Math.max(n, 0), columns };
}

/** The signature's input columns from a parsed JSON body; refuses with one sentence. */
export function requestColumns(body: unknown, signature: BundleSignature): RequestColumns {
  const shape = 'Send {"rows": [{column: value, …}, …]} or {"columns": {column: [values…], …}}.';
  if (!isRecord(body)) refuse(`The body is ${describe(body)}, not a JSON object. ${shape}`);
  const hasRows = Object.hasOwn(body, 'rows');
  const hasColumns = Object.hasOwn(body, 'columns');
  if (hasRows === hasColumns) refuse(`The body needs exactly one of "rows" and "columns". ${shape}`);
  let parsed: RequestColumns;
  if (hasRows) {
    if (!Array.isArray(body.rows)) refuse(`"rows" is ${describe(body.rows)}, not a list of row objects.`);
    parsed = fromRows(body.rows, signature.inputs);
  } else {
    if (!isRecord(body.columns)) refuse(`"columns" is ${describe(body.columns)}, not an object of lists.`);
    parsed = fromColumns(body.columns, signature.inputs);
  }
  if (parsed.rows === 0) refuse(`The request has no rows to predict. ${shape}`);
  return parsed;
}
