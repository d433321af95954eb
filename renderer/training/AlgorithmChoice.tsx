/** One algorithm in step 4 of the Train form: chosen or not, with its parameters on request. */
import { useState } from 'react';
import type { AlgorithmInfo } from '../../shared/training';
import { useTrain } from '../app-stores';
import { ParamInput } from './ParamInput';

export function AlgorithmChoice({ algorithm }: { algorithm: AlgorithmInfo }) {
  const { algorithms, params, paramErrors, set, setParam, setParamError } = useTrain();
  const [open, setOpen] = useState(false);
  const chosen = algorithms.includes(algorithm.id);
  const toggle = () =>
    set({
      algorithms: chosen ? algorithms.filter((a) => a !== algorithm.id) : [...algorithms, algorithm.id],
    });
  return (
    <div className={chosen ? 'algorithm chosen' : 'algorithm'}>
      <label className="row">
        <input type="checkbox" checked={chosen} onChange={toggle} aria-label={algorithm.label} />
        <strong>{algorithm.label}</strong>
      </label>
      <p className="muted small">{algorithm.description}</p>
      {algorithm.params.length > 0 && (
        <button type="button" className="link small" onClick={() => setOpen((o) => !o)}>
          {open ? 'Hide parameters' : `Parameters (${algorithm.params.length})`}
        </button>
      )}
      {open && (
        <div className="params">
          {algorithm.params.map((p) => (
            <ParamInput
              key={p.name}
              spec={p}
              value={params[algorithm.id]?.[p.name]}
              onChange={(v) => setParam(algorithm.id, p.name, v)}
              onError={(message) => setParamError(algorithm.id, p.name, message)}
              error={paramErrors[algorithm.id]?.[p.name]}
            />
          ))}
        </div>
      )}
    </div>
  );
}
