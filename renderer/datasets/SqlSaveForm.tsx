/** "Save as dataset": the name for the query's full result, kept as a new version. */
import { useState } from 'react';

export function SqlSaveForm(props: { onSave: (name: string) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  return (
    <form
      className="row save-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) props.onSave(name.trim());
      }}
    >
      <input
        autoFocus
        aria-label="New dataset name"
        placeholder="dataset name"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <button type="submit" className="primary">
        Save
      </button>
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
    </form>
  );
}
