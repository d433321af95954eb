/**
 * What a param field's text stands for, checked against the param's range from the
 * catalogue (the same limits the contract enforces), so a typo is shown at the field
 * instead of being dropped for the default.
 */
import type { ParamSpec, ParamValue } from '../../shared/training';
import { paramValueProblem } from '../../shared/training-limits';

/** `value` undefined with no error means "empty: back to the default". */
export type ParamRead = { value: ParamValue | undefined; error?: undefined } | { error: string };

export function readParam(spec: ParamSpec, text: string): ParamRead {
  const trimmed = text.trim();
  if (trimmed === '') return { value: undefined };
  const value = parseText(spec, trimmed);
  const problem = paramValueProblem(spec, value);
  return problem ? { error: `${spec.name} ${problem}.` } : { value: value as ParamValue };
}

function parseText(spec: ParamSpec, text: string): unknown {
  if (spec.type === 'bool') return text === 'true' ? true : text === 'false' ? false : text;
  // Number('') is 0 and Number(' ') too: only real numerals count.
  const number = (t: string) => (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t.trim()) ? Number(t) : NaN);
  if (spec.type === 'int_list') return text.split(',').map(number);
  return number(text);
}
