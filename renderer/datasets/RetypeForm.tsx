/** Change a column's type: the engine casts into a new version and names any value that fails. */
import { useState } from 'react';
import { COMMON_TYPES } from './duckdb-types';

export function RetypeForm({ current, onRetype }: { current: string; onRetype: (type: string) => void }) {
  const [type, setType] = useState(current);
  return (
    <form
      className="row retype-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (type !== current) onRetype(type);
      }}
    >
      <select aria-label="New type" value={type} onChange={(e) => setType(e.target.value)}>
        {[...new Set([current, ...COMMON_TYPES])].map((t) => (
          <option key={t}>{t}</option>
        ))}
      </select>
      <button
        type="submit"
        disabled={type === current}
        title="Casts into a new version; this one stays as it is"
      >
        Change type
      </button>
    </form>
  );
}
