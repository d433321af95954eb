/**
 * One hyper-parameter of an algorithm. A typed value is checked against the param's
 * range as it is typed: a valid one goes to the form, an invalid one is shown at the
 * field and keeps the form from starting; an emptied field goes back to the default.
 */
import { useState } from 'react';
import type { ParamSpec, ParamValue } from '../../shared/training';
import { readParam } from './param-text';

interface ParamInputProps {
  spec: ParamSpec;
  value: unknown;
  onChange: (v: ParamValue | undefined) => void;
  /** The sentence for a value the param does not accept, or null once it is fixed. */
  onError: (message: string | null) => void;
  error?: string | undefined;
}

export function ParamInput({ spec, value, onChange, onError, error }: ParamInputProps) {
  const shown = value ?? spec.default;
  const [text, setText] = useState(Array.isArray(shown) ? shown.join(',') : String(shown));
  const read = (typed: string) => {
    setText(typed);
    const result = readParam(spec, typed);
    if (result.error !== undefined) return onError(result.error);
    onError(null);
    onChange(result.value);
  };
  return (
    <label className={error ? 'param invalid' : 'param'} title={spec.description}>
      <code>{spec.name}</code>
      {spec.type === 'bool' ? (
        <input type="checkbox" checked={Boolean(shown)} onChange={(e) => onChange(e.target.checked)} />
      ) : (
        <input
          className="narrow"
          value={text}
          aria-invalid={error ? true : undefined}
          onChange={(e) => read(e.target.value)}
        />
      )}
      {error ? (
        <span className="field-error small" role="alert">
          {error}
        </span>
      ) : (
        <span className="muted small">{spec.description}</span>
      )}
    </label>
  );
}
