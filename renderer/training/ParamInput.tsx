/**
 * One hyper-parameter of an algorithm. Numbers are read when the field loses focus, so a
 * half-typed value never reaches the request; an emptied field goes back to the default.
 */
import type { ParamSpec } from '../../shared/training';

interface ParamInputProps {
  spec: ParamSpec;
  value: unknown;
  onChange: (v: number | boolean | number[] | undefined) => void;
}

export function ParamInput({ spec, value, onChange }: ParamInputProps) {
  const shown = value ?? spec.default;
  return (
    <label className="param" title={spec.description}>
      <code>{spec.name}</code>
      {spec.type === 'bool' ? (
        <input type="checkbox" checked={Boolean(shown)} onChange={(e) => onChange(e.target.checked)} />
      ) : (
        <input
          className="narrow"
          defaultValue={Array.isArray(shown) ? shown.join(',') : String(shown)}
          onBlur={(e) => {
            const parsed = parseParam(spec, e.target.value.trim());
            if (parsed !== INVALID) onChange(parsed);
          }}
        />
      )}
      <span className="muted small">{spec.description}</span>
    </label>
  );
}

/** A typed text that is not a number leaves the value as it was. */
const INVALID = Symbol('invalid');

/** The value a typed text stands for; `undefined` (back to the default) when empty. */
function parseParam(spec: ParamSpec, text: string): number | number[] | undefined | typeof INVALID {
  if (text === '') return undefined;
  if (spec.type === 'int_list')
    return text
      .split(',')
      .map((t) => Math.round(Number(t)))
      .filter(Number.isFinite);
  const n = Number(text);
  if (!Number.isFinite(n)) return INVALID;
  return spec.type === 'int' ? Math.round(n) : n;
}
