/**
 * "Clean this column…" in a version's column menu: the operations that act on one column,
 * each opening the Clean view with its form filled in for this column.
 */
import { useState } from 'react';
import { useClean } from '../app-stores';
import { columnOps, opLabel } from '../clean/operations';
import { useUi } from '../shell/ui-store';

export function ColumnCleanMenu({ column, onDone }: { column: string; onDone(): void }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" role="menuitem" aria-expanded={false} onClick={() => setOpen(true)}>
        Clean this column…
      </button>
    );
  }
  return (
    <div className="column-clean" role="group" aria-label="Clean this column">
      <hr />
      <span className="muted">Clean {column} with</span>
      {columnOps.map((op) => (
        <button
          key={op}
          type="button"
          role="menuitem"
          onClick={() => {
            useClean.getState().startDraft(op, column);
            useUi.getState().setView('clean');
            onDone();
          }}
        >
          {opLabel(op)}
        </button>
      ))}
    </div>
  );
}
