/** A one-field form edited in place (a name, a list of tags); Enter submits. */
import { useState } from 'react';

interface Props {
  label: string;
  initial: string;
  onSubmit(value: string): void;
  /** Leaving the field cancels, where given. */
  onCancel?: () => void;
}

export function InlineTextForm({ label, initial, onSubmit, onCancel }: Props) {
  const [value, setValue] = useState(initial);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(value);
      }}
    >
      <input
        autoFocus
        aria-label={label}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        {...(onCancel ? { onBlur: onCancel } : {})}
      />
    </form>
  );
}
