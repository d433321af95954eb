/**
 * The feature operations (the "Features" group of the recipe's operations, see
 * docs/architecture.md); choosing one opens its form in their place.
 */
import type { StepOp } from '../../shared/clean/recipe';
import type { ColumnInfo } from '../../shared/datasets';
import { useFeatures } from '../app-stores';
import { operationGroups, opLabel } from '../clean/operations';
import { FeatureForm } from './FeatureForm';

/** The builder's operations: the catalogue's Features group, and a formula for anything else. */
export function featureOps(): StepOp[] {
  const group = operationGroups.find((g) => g.id === 'features')?.ops ?? [];
  return [...group, ...(['formula', 'date_part'] as const).filter((op) => !group.includes(op))];
}

export function FeatureOperations({ columns }: { columns: ColumnInfo[] }) {
  const hasDraft = useFeatures((s) => s.draft !== null);
  return (
    <aside className="clean-ops" aria-label="Feature operations">
      {hasDraft ? (
        <FeatureForm columns={columns} />
      ) : (
        <>
          <h2>New feature</h2>
          <p className="muted small">
            Each one previews its new column and its distribution before you add it.
          </p>
          {featureOps().map((op) => (
            <button
              key={op}
              type="button"
              className="clean-op"
              data-op={op}
              onClick={() => useFeatures.getState().startDraft(op)}
            >
              {opLabel(op)}
            </button>
          ))}
        </>
      )}
    </aside>
  );
}
