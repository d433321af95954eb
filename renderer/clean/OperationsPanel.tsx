/** The operations, grouped as in Data Wrangler; choosing one opens its form in their place. */
import type { ColumnInfo } from '../../shared/datasets';
import { useClean } from '../app-stores';
import { operationGroups, opLabel } from './operations';
import { StepForm } from './StepForm';

export function OperationsPanel({ columns }: { columns: ColumnInfo[] }) {
  const hasDraft = useClean((s) => s.draft !== null);
  return (
    <aside className="clean-ops" aria-label="Operations">
      {hasDraft ? (
        <StepForm columns={columns} />
      ) : (
        <>
          <h2>Operations</h2>
          {operationGroups.map((group) => (
            <section key={group.id} className="clean-op-group">
              <h3>{group.label}</h3>
              {group.ops.map((op) => (
                <button
                  key={op}
                  type="button"
                  className="clean-op"
                  data-op={op}
                  onClick={() => useClean.getState().startDraft(op)}
                >
                  {opLabel(op)}
                </button>
              ))}
            </section>
          ))}
        </>
      )}
    </aside>
  );
}
